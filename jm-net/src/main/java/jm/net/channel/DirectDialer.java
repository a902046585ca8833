package jm.net.channel;

import io.netty.channel.ChannelHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import jm.core.Nick;
import jm.core.wire.Location;
import jm.core.wire.OnionLocation;
import jm.core.wire.TcpLocation;
import jm.net.tor.StreamIsolation;
import jm.net.transport.Endpoint;
import jm.net.transport.JmClient;
import jm.net.transport.NetRuntime;
import jm.net.transport.SocksFailure;
import jm.net.transport.SocksProxy;
import jm.net.transport.TaskScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens direct connections to peers (takers to makers): onion locations through the SOCKS proxy
 * with per-peer stream isolation, plain {@code host:port} only if the config allows it; a maker's
 * freshly published onion service is retried every 1-3 s within the connect timeout. One dial per
 * nick at a time. Thread-safe.
 */
final class DirectDialer {
    private static final Logger LOG = LoggerFactory.getLogger(DirectDialer.class);

    private final OwnIdentity own;
    private final NetRuntime runtime;
    private final StreamIsolation isolation;
    private final TaskScheduler scheduler;
    private final DirectConnections connections;
    private final PeerTable peers;
    private final BooleanSupplier running;

    DirectDialer(OwnIdentity own, NetRuntime runtime, StreamIsolation isolation, TaskScheduler scheduler,
            DirectConnections connections, PeerTable peers, BooleanSupplier running) {
        this.own = own;
        this.runtime = runtime;
        this.isolation = isolation;
        this.scheduler = scheduler;
        this.connections = connections;
        this.peers = peers;
        this.running = running;
    }

    /** Dials a nick at its serving location from the peer table (or returns the open connection). */
    CompletableFuture<ChannelId.Direct> connect(Nick nick, Function<Nick, ChannelHandler> handlers) {
        Optional<ChannelId.Direct> existing = connections.to(nick);
        if (existing.isPresent()) {
            return CompletableFuture.completedFuture(existing.get());
        }
        Optional<Location> loc = peers.get(nick).flatMap(PeerTable.PeerView::servingLocation);
        if (loc.isEmpty()) {
            return CompletableFuture.failedFuture(new NoRouteException(nick, "no serving location known"));
        }
        return connect(nick, loc.get(), handlers);
    }

    /** Dials a nick at an explicit location; completes when its handshake validated. */
    CompletableFuture<ChannelId.Direct> connect(Nick nick, Location location, Function<Nick, ChannelHandler> handlers) {
        if (!running.getAsBoolean()) {
            return CompletableFuture.failedFuture(new IllegalStateException("channel not running"));
        }
        CompletableFuture<ChannelId.Direct> fresh = new CompletableFuture<>();
        CompletableFuture<ChannelId.Direct> prev = connections.startDial(nick, fresh);
        if (prev != null) {
            return prev;
        }
        MessageChannelConfig config = own.config();
        Endpoint target;
        Optional<SocksProxy> proxy;
        if (location instanceof OnionLocation o && config.socks().isPresent()) {
            target = new Endpoint(o.host(), o.port());
            // one circuit group per peer: two makers never learn they share our circuits
            proxy = Optional.of(isolation.forDestination(config.socks().get(), StreamIsolation.Purpose.PEER,
                    o.host()));
        } else if (location instanceof TcpLocation t && config.allowTcpPeerLocations()) {
            target = new Endpoint(t.host(), t.port());
            proxy = Optional.empty();
        } else {
            connections.endDial(nick, fresh);
            return CompletableFuture.failedFuture(new NoRouteException(nick, "cannot reach location "
                    + location.toWire() + " in this mode"));
        }
        long deadline = System.nanoTime() + config.connectTimeout().toNanos();
        dial(new Dial(nick, target, proxy, deadline, fresh, handlers), 0);
        return fresh;
    }

    private record Dial(Nick nick, Endpoint target, Optional<SocksProxy> proxy, long deadline,
            CompletableFuture<ChannelId.Direct> result, Function<Nick, ChannelHandler> handlers) {
    }

    /**
     * One attempt. Over Tor, a maker's onion service that was published a moment ago (or whose
     * introduction failed once) answers "descriptor not found" or similar: retried every 1-3 s
     * until the connect timeout has passed, then the last reason is reported.
     */
    private void dial(Dial d, int attempt) {
        Duration left = Duration.ofNanos(Math.max(1_000_000L, d.deadline() - System.nanoTime()));
        JmClient.connect(runtime, d.target(), d.proxy(), left, own.config().directLimits(),
                ch -> ch.pipeline().addLast(d.handlers().apply(d.nick())))
                .whenComplete((ch, err) -> {
                    if (err != null) {
                        Duration wait = Duration.ofMillis(Math.min(3_000, 1_000L << Math.min(attempt, 2)));
                        if (d.proxy().isPresent() && SocksFailure.isTransientOnion(err) && running.getAsBoolean()
                                && System.nanoTime() + wait.toNanos() < d.deadline()) {
                            LOG.debug("direct connection to {} at {}: {}; retrying in {} ms", d.nick(), d.target(),
                                    SocksFailure.describe(err, d.proxy()), wait.toMillis());
                            scheduler.schedule(() -> dial(d, attempt + 1), wait);
                            return;
                        }
                        connections.endDial(d.nick(), d.result());
                        d.result().completeExceptionally(new IOException("direct connection to " + d.nick() + " at "
                                + d.target() + " failed: " + SocksFailure.describe(err, d.proxy()), err));
                        return;
                    }
                    ch.writeAndFlush(own.handshake().toEnvelope());
                    ch.closeFuture().addListener(f -> {
                        if (connections.endDial(d.nick(), d.result())) {
                            d.result().completeExceptionally(
                                    new IOException("direct connection closed before handshake"));
                        }
                    });
                });
    }
}
