package jm.net.channel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import jm.core.wire.DirectoryHandshake;
import jm.core.wire.Envelope;
import jm.core.wire.Features;
import jm.core.wire.MessageType;
import jm.net.tor.StreamIsolation;
import jm.net.transport.Endpoint;
import jm.net.transport.JmClient;
import jm.net.transport.NetRuntime;
import jm.net.transport.Reconnector;
import jm.net.transport.SocksFailure;
import jm.net.transport.TaskScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our links to the configured directories: one {@link Reconnector} each (jittered exponential
 * backoff), which are up (handshaked) with the handshake each sent, which refused us and why,
 * which could not be reached and why, and the futures for the first and for all directories up.
 * The per-connection protocol is {@link DirectoryHandler}'s. Thread-safe.
 */
final class DirectoryLinks {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryLinks.class);

    private final OwnIdentity own;
    private final NetRuntime runtime;
    private final TaskScheduler scheduler;
    private final RandomGenerator random;
    private final StreamIsolation isolation;
    private final ListenerDispatch dispatch;
    private final Map<String, Reconnector> reconnectors = new LinkedHashMap<>();
    private final Map<String, Channel> live = new ConcurrentHashMap<>();
    private final Map<String, DirectoryHandshake> handshakes = new ConcurrentHashMap<>();
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final Set<String> unansweredReported = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> first = new CompletableFuture<>();
    private final CompletableFuture<Void> all = new CompletableFuture<>();
    private volatile boolean stopped;

    DirectoryLinks(OwnIdentity own, NetRuntime runtime, TaskScheduler scheduler, RandomGenerator random,
            StreamIsolation isolation, ListenerDispatch dispatch) {
        this.own = own;
        this.runtime = runtime;
        this.scheduler = scheduler;
        this.random = random;
        this.isolation = isolation;
        this.dispatch = dispatch;
    }

    /** Starts connecting to every configured directory, each with a handler from {@code handlers}. */
    void start(Function<String, ChannelHandler> handlers) {
        synchronized (reconnectors) {
            if (stopped) {
                return;
            }
            for (Endpoint dir : own.config().directories()) {
                String id = dir.toString();
                Reconnector r = new Reconnector(id, () -> connect(dir, id, handlers), own.config().reconnect(),
                        scheduler, random, ch -> ch.writeAndFlush(own.handshake().toEnvelope()));
                reconnectors.put(id, r);
                r.start();
            }
        }
    }

    /** Stops reconnecting and closes every directory connection. */
    void stop() {
        synchronized (reconnectors) {
            stopped = true;
            reconnectors.values().forEach(Reconnector::stop);
        }
    }

    boolean stopped() {
        return stopped;
    }

    private CompletableFuture<Channel> connect(Endpoint dir, String id, Function<String, ChannelHandler> handlers) {
        var proxy = own.config().socks().map(
                p -> isolation.forDestination(p, StreamIsolation.Purpose.DIRECTORY, id));
        return JmClient.connect(runtime, dir, proxy, own.config().connectTimeout(), own.config().limits(),
                ch -> ch.pipeline().addLast(handlers.apply(id))).whenComplete((ch, err) -> {
                    if (err != null) {
                        String why = SocksFailure.describe(err, proxy);
                        if (!why.equals(failures.put(id, why))) {
                            LOG.warn("directory {} unreachable: {} (retrying)", id, why);
                        }
                    }
                });
    }

    /** A directory accepted our handshake (and, with nick_auth, our proof). */
    void up(String id, Channel ch, DirectoryHandshake hs) {
        handshakes.put(id, hs);
        live.put(id, ch);
        Reconnector r;
        synchronized (reconnectors) {
            r = reconnectors.get(id);
        }
        if (r != null) {
            r.markHealthy();
        }
        refusals.remove(id);
        failures.remove(id);
        LOG.info("{} connected to directory {} ({})", own.nick(), id, hs.nick());
        if (own.config().requestPeerlist() && hs.features().has(Features.PEERLIST_FEATURES)) {
            ch.writeAndFlush(Envelope.of(MessageType.GETPEERLIST, ""));
        }
        dispatch.deliver(() -> dispatch.listener().onDirectoryUp(id, hs));
        first.complete(null);
        if (own.config().directories().stream().allMatch(d -> live.containsKey(d.toString()))) {
            all.complete(null);
        }
    }

    /** A handshaked directory connection closed. */
    void down(String id, Channel ch) {
        live.remove(id, ch);
        handshakes.remove(id);
        if (stopped) {
            LOG.debug("{} closed directory {}", own.nick(), id);
        } else {
            LOG.info("{} lost directory {}", own.nick(), id);
            dispatch.deliver(() -> dispatch.listener().onDirectoryDown(id));
        }
    }

    /** A directory connection closed before the directory answered our handshake. */
    void closedUnanswered(String id) {
        if (!stopped && !refusals.containsKey(id) && unansweredReported.add(id)) {
            LOG.info("directory {}: the connection closed before the directory answered our handshake (an NG "
                    + "directory closes like this when the network differs; we announce {})", id,
                    own.config().network());
        }
    }

    /**
     * A directory refused us or answered something we cannot use: logged, reported to the
     * listener once per distinct reason (the caller closes the connection; the reconnector tries
     * again later, since a refusal such as a taken nick may pass).
     */
    void refused(String id, String reason) {
        String text = "directory " + id + " " + reason;
        String previous = refusals.put(id, text);
        if (!text.equals(previous)) {
            LOG.debug("{}", text); // the listener tells the user
            dispatch.deliver(() -> dispatch.listener().onDirectoryRefused(id, text));
        } else {
            LOG.debug("{} (again)", text);
        }
        if (live.isEmpty()
                && refusals.size() >= own.config().directories().stream().map(Endpoint::toString).distinct().count()) {
            first.completeExceptionally(new DirectoryRefusedException(refusals()));
        }
    }

    CompletableFuture<Void> awaitFirst() {
        return first;
    }

    CompletableFuture<Void> awaitAll() {
        return all;
    }

    Map<String, String> refusals() {
        return Map.copyOf(refusals);
    }

    Map<String, String> failures() {
        return Map.copyOf(failures);
    }

    Set<String> liveIds() {
        return Set.copyOf(live.keySet());
    }

    boolean isLive(String id) {
        return live.containsKey(id);
    }

    Optional<Channel> channel(String id) {
        return Optional.ofNullable(live.get(id));
    }

    Optional<DirectoryHandshake> handshake(String id) {
        return Optional.ofNullable(handshakes.get(id));
    }

    /** Writes an envelope to every live directory; returns the ids written to. */
    java.util.List<String> writeAll(Envelope env) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        live.forEach((id, ch) -> {
            ch.writeAndFlush(env);
            ids.add(id);
        });
        return ids;
    }

    /** GETPEERLIST to every live directory advertising {@code peerlist_features}; returns how many. */
    int requestPeerlist() {
        int n = 0;
        for (Map.Entry<String, Channel> e : live.entrySet()) {
            DirectoryHandshake hs = handshakes.get(e.getKey());
            if (hs != null && hs.features().has(Features.PEERLIST_FEATURES)) {
                e.getValue().writeAndFlush(Envelope.of(MessageType.GETPEERLIST, ""));
                n++;
            }
        }
        return n;
    }
}
