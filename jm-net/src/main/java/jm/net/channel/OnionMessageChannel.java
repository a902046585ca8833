package jm.net.channel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.crypto.NickKey;
import jm.core.wire.DirectoryHandshake;
import jm.core.wire.Envelope;
import jm.core.wire.Features;
import jm.core.wire.Handshake;
import jm.core.wire.Location;
import jm.core.wire.MessageType;
import jm.core.wire.NickAuth;
import jm.core.wire.NotServing;
import jm.core.wire.OnionLocation;
import jm.core.wire.PeerlistEntry;
import jm.core.wire.Peerlist;
import jm.core.wire.PubMsg;
import jm.core.wire.RawPrivMsg;
import jm.core.wire.TcpLocation;
import jm.core.wire.VerifiedPrivMsg;
import jm.net.limit.TokenBucket;
import jm.net.tor.OnionRequest;
import jm.net.tor.OnionService;
import jm.net.tor.StreamIsolation;
import jm.net.tor.TorControlClient;
import jm.net.transport.Endpoint;
import jm.net.transport.HandshakeDeadline;
import jm.net.transport.JmClient;
import jm.net.transport.JmServer;
import jm.net.transport.NetRuntime;
import jm.net.transport.Reconnector;
import jm.net.transport.SocksFailure;
import jm.net.transport.SocksProxy;
import jm.net.transport.TaskScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The onion message channel of one maker or taker (see the module README for a walkthrough).
 *
 * <ul>
 *   <li>{@link #start()}: starts the direct server if configured (so our location is known), then
 *       connects to every directory, sends our HANDSHAKE, validates the DN_HANDSHAKE, and keeps
 *       each directory connected with jittered exponential backoff.</li>
 *   <li>{@link #publish(String)}: PUBMSG to every live directory.</li>
 *   <li>{@link #sendPrivate(Nick, String, String)}: a signed PRIVMSG over the handshaked direct
 *       connection to the nick if any, else over one live directory on which the nick was seen;
 *       {@link #sendPrivate(Nick, String, String, ChannelId)} pins the channel.</li>
 *   <li>Delivery: verified PRIVMSGs addressed to us and PUBMSGs go to the {@link MessageListener}
 *       on the listener executor, with the {@link ChannelId} they came on.</li>
 *   <li>{@link #connectDirect(Nick)}: taker-side direct connection to a peer's location.</li>
 * </ul>
 *
 * Thread-safe. Network handlers run on Netty event loops and never block; listener callbacks run
 * on the caller-supplied executor.
 */
public final class OnionMessageChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OnionMessageChannel.class);

    /** Lifecycle, one way. */
    public enum State { NEW, STARTING, RUNNING, STOPPED }

    private final MessageChannelConfig config;
    private final DirectServing serving;
    private final DirectServerLimits serverLimits;
    private final NickKey key;
    private final NetRuntime runtime;
    private final Executor listenerExecutor;
    private final MessageListener listener;
    private final InboundFilter filter;
    private final TaskScheduler scheduler;
    private final RandomGenerator random;
    private final LongSupplier nanoTime;
    private final StreamIsolation isolation;
    private final java.util.function.Function<InetSocketAddress, String> banKey;

    private final PeerTable peers;
    private final BanList bans;
    private final AtomicLong connectionIds = new AtomicLong();
    private final AtomicLong unexpectedFailures = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger pendingDeliveries =
            new java.util.concurrent.atomic.AtomicInteger();
    private final Set<Channel> paused = ConcurrentHashMap.newKeySet();
    private final int maxPendingDeliveries;
    private final boolean connectDirectOnSend;
    private final java.util.concurrent.atomic.AtomicInteger inboundDirect = new java.util.concurrent.atomic.AtomicInteger();
    private final Map<String, Channel> liveDirectories = new ConcurrentHashMap<>();
    private final Map<String, DirectoryHandshake> directoryHandshakes = new ConcurrentHashMap<>();
    private final Map<Long, DirectHandler> directs = new ConcurrentHashMap<>();
    private final Map<Nick, DirectHandler> directByNick = new ConcurrentHashMap<>();
    private final Map<Nick, CompletableFuture<ChannelId.Direct>> pendingDirect = new ConcurrentHashMap<>();
    private final Map<String, Reconnector> reconnectors = new java.util.LinkedHashMap<>();
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final Set<String> unansweredReported = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> firstDirectory = new CompletableFuture<>();
    private final CompletableFuture<Void> allDirectories = new CompletableFuture<>();
    private final Map<String, String> directoryFailures = new ConcurrentHashMap<>();
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);

    private volatile Location ownLocation = NotServing.INSTANCE;
    private volatile Handshake ownHandshake;
    private volatile JmServer server;
    private volatile TorControlClient control;
    private volatile OnionService onion;

    private OnionMessageChannel(Builder b) {
        this.config = b.config;
        this.serving = b.serving;
        this.serverLimits = b.serverLimits;
        this.key = b.key;
        this.runtime = b.runtime;
        this.listenerExecutor = b.listenerExecutor;
        this.listener = b.listener;
        this.filter = b.filter;
        this.scheduler = b.scheduler != null ? b.scheduler : TaskScheduler.of(b.runtime.workerGroup().next());
        this.random = b.random;
        this.nanoTime = b.nanoTime;
        this.isolation = StreamIsolation.random(b.secureRandom);
        this.banKey = b.banKey;
        this.maxPendingDeliveries = b.maxPendingDeliveries;
        this.connectDirectOnSend = b.connectDirectOnSend;
        this.peers = new PeerTable(config.maxNicksPerDirectory());
        this.bans = new BanList(serverLimits.banDuration(), serverLimits.maxBans(), nanoTime);
    }

    /** Starts building a channel. */
    public static Builder builder(MessageChannelConfig config, NickKey key, NetRuntime runtime,
            Executor listenerExecutor, MessageListener listener) {
        return new Builder(config, key, runtime, listenerExecutor, listener);
    }

    /** Optional collaborators of a channel. */
    public static final class Builder {
        private final MessageChannelConfig config;
        private final NickKey key;
        private final NetRuntime runtime;
        private final Executor listenerExecutor;
        private final MessageListener listener;
        private DirectServing serving = new DirectServing.None();
        private DirectServerLimits serverLimits = DirectServerLimits.defaults();
        private InboundFilter filter = InboundFilter.ACCEPT_ALL;
        private TaskScheduler scheduler;
        private RandomGenerator random = new java.util.SplittableRandom();
        private SecureRandom secureRandom = new SecureRandom();
        private LongSupplier nanoTime = System::nanoTime;
        private java.util.function.Function<InetSocketAddress, String> banKey = OnionMessageChannel::addressAndPort;
        private int maxPendingDeliveries = 10_000;
        private boolean connectDirectOnSend;

        private Builder(MessageChannelConfig config, NickKey key, NetRuntime runtime, Executor listenerExecutor,
                MessageListener listener) {
            this.config = Objects.requireNonNull(config, "config");
            this.key = Objects.requireNonNull(key, "key");
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            this.listenerExecutor = Objects.requireNonNull(listenerExecutor, "listenerExecutor");
            this.listener = Objects.requireNonNull(listener, "listener");
        }

        /** Serve direct connections (makers). */
        public Builder serving(DirectServing s) {
            this.serving = Objects.requireNonNull(s);
            return this;
        }

        public Builder serverLimits(DirectServerLimits l) {
            this.serverLimits = Objects.requireNonNull(l);
            return this;
        }

        /** Role-specific policy applied before delivery (e.g. the maker's per-nick limits). */
        public Builder filter(InboundFilter f) {
            this.filter = Objects.requireNonNull(f);
            return this;
        }

        /** Scheduler for reconnection timers (tests drive it by hand). */
        public Builder scheduler(TaskScheduler s) {
            this.scheduler = Objects.requireNonNull(s);
            return this;
        }

        /** Randomness for backoff jitter and directory choice. */
        public Builder random(RandomGenerator r) {
            this.random = Objects.requireNonNull(r);
            return this;
        }

        public Builder secureRandom(SecureRandom r) {
            this.secureRandom = Objects.requireNonNull(r);
            return this;
        }

        /** Monotonic time for rate limits and bans. */
        public Builder nanoTime(LongSupplier t) {
            this.nanoTime = Objects.requireNonNull(t);
            return this;
        }

        /**
         * What a direct-server ban applies to. Default: the remote address and port, as NG does
         * (behind Tor every connection comes from 127.0.0.1, so this is one key per connection);
         * {@link OnionMessageChannel#hostOnly(InetSocketAddress)} bans a whole host (local mode).
         */
        public Builder banKey(java.util.function.Function<InetSocketAddress, String> k) {
            this.banKey = Objects.requireNonNull(k);
            return this;
        }

        /** Listener backlog above which connections stop reading (default 10,000 callbacks). */
        public Builder maxPendingDeliveries(int n) {
            if (n < 2) {
                throw new IllegalArgumentException("maxPendingDeliveries < 2");
            }
            this.maxPendingDeliveries = n;
            return this;
        }

        /**
         * Reference taker behaviour: when a private message to a nick has to go through a
         * directory, also start a direct connection to the nick's serving location in the
         * background, so later messages go direct.
         */
        public Builder connectDirectOnSend(boolean on) {
            this.connectDirectOnSend = on;
            return this;
        }

        public OnionMessageChannel build() {
            return new OnionMessageChannel(this);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Starts the direct server (if any; an onion service is created on the listener executor,
     * since the control port blocks) and then the directory connections. Completes when the
     * server is up and every directory connection has been initiated; see
     * {@link #awaitDirectory()} for the first successful directory handshake.
     */
    public CompletableFuture<Void> start() {
        if (!state.compareAndSet(State.NEW, State.STARTING)) {
            return CompletableFuture.failedFuture(new IllegalStateException("already started"));
        }
        return startServer().thenRun(() -> {
            ownHandshake = Handshake.client(key.nick(), ownLocation, config.network(), config.features());
            synchronized (reconnectors) {
                if (state.get() != State.STARTING) {
                    return;
                }
                for (Endpoint dir : config.directories()) {
                    String id = dir.toString();
                    Reconnector r = new Reconnector(id, () -> connectDirectory(dir, id), config.reconnect(),
                            scheduler, random, ch -> ch.writeAndFlush(ownHandshake.toEnvelope()));
                    reconnectors.put(id, r);
                    r.start();
                }
                state.compareAndSet(State.STARTING, State.RUNNING);
            }
        });
    }

    private CompletableFuture<Void> startServer() {
        if (serving instanceof DirectServing.None) {
            return CompletableFuture.completedFuture(null);
        }
        InetSocketAddress bind = serving instanceof DirectServing.Local l ? l.bind() : ((DirectServing.Onion) serving).bind();
        CompletableFuture<JmServer> bound = JmServer.bind(runtime, bind, config.directLimits(),
                remote -> !bans.isBanned(banKey(remote)) && inboundDirect.get() < serverLimits.maxConnections(),
                ch -> ch.pipeline().addLast(new DirectHandler(connectionIds.incrementAndGet(), true, null)));
        return bound.thenCompose(s -> {
            server = s;
            if (serving instanceof DirectServing.Local l) {
                ownLocation = new TcpLocation(l.advertisedHost(), s.localAddress().getPort());
                return CompletableFuture.completedFuture(null);
            }
            DirectServing.Onion o = (DirectServing.Onion) serving;
            return CompletableFuture.runAsync(() -> {
                try {
                    TorControlClient c = o.control().get();
                    control = c;
                    OnionRequest req = OnionRequest.ephemeral(s.localAddress());
                    if (o.pow().isPresent()) {
                        req = req.withPow(o.pow().get());
                    }
                    onion = c.addOnion(req);
                    ownLocation = new OnionLocation(onion.hostname(), onion.virtualPort());
                    LOG.info("{} serving direct connections at {}", key.nick(), onion.locationString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, listenerExecutor);
        });
    }

    /**
     * Completes when at least one directory accepted our handshake; fails with a
     * {@link DirectoryRefusedException} as soon as every configured directory has refused us
     * (answered {@code accepted:false}, another network, or a handshake we cannot use) before any
     * accepted.
     */
    public CompletableFuture<Void> awaitDirectory() {
        return firstDirectory;
    }

    /**
     * Completes when every configured directory has accepted our handshake and is up at the same
     * time (NG publishes {@code !hp2} on all of them). Callers bound the wait themselves.
     */
    public CompletableFuture<Void> awaitAllDirectories() {
        return allDirectories;
    }

    /** Directories whose last answer was a refusal, with why (cleared when one accepts us). */
    public Map<String, String> refusals() {
        return Map.copyOf(refusals);
    }

    /**
     * A directory refused us or answered something we cannot use: logged, reported to the
     * listener once per distinct reason, the connection closed (the reconnector tries again
     * later, since a refusal such as a taken nick may pass).
     */
    private void directoryRefused(ChannelHandlerContext ctx, String id, String reason) {
        String text = "directory " + id + " " + reason;
        String previous = refusals.put(id, text);
        if (!text.equals(previous)) {
            LOG.debug("{}", text); // the listener tells the user
            deliver(() -> listener.onDirectoryRefused(id, text));
        } else {
            LOG.debug("{} (again)", text);
        }
        ctx.close();
        if (liveDirectories.isEmpty()
                && refusals.size() >= config.directories().stream().map(Endpoint::toString).distinct().count()) {
            firstDirectory.completeExceptionally(new DirectoryRefusedException(refusals()));
        }
    }

    /** The reason a directory gave, without NG's {@code Rejected: } prefix and version footer. */
    static String refusalText(String motd) {
        String t = motd.strip();
        if (t.startsWith("Rejected:")) {
            t = t.substring("Rejected:".length()).strip();
        }
        int nl = t.indexOf('\n');
        if (nl >= 0) {
            t = t.substring(0, nl).strip();
        }
        return t.isEmpty() ? "no reason given" : t;
    }

    /** Stops reconnecting, closes every connection and the server, removes the onion service. */
    public CompletableFuture<Void> stop() {
        State prev = state.getAndSet(State.STOPPED);
        if (prev == State.STOPPED) {
            return CompletableFuture.completedFuture(null);
        }
        synchronized (reconnectors) {
            reconnectors.values().forEach(Reconnector::stop);
        }
        directs.values().forEach(d -> d.channel().close());
        CompletableFuture<Void> serverStopped = server == null ? CompletableFuture.completedFuture(null) : server.stop();
        TorControlClient c = control;
        if (c == null) {
            return serverStopped;
        }
        return serverStopped.thenRunAsync(() -> {
            try {
                c.close(); // DEL_ONION of our service, then close
            } catch (IOException e) {
                LOG.debug("closing Tor control connection: {}", e.getMessage());
            }
        }, task -> {
            try {
                listenerExecutor.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                Thread t = new Thread(task, "jm-tor-control-close");
                t.setDaemon(true);
                t.start(); // the listener executor is already shut down; the control port blocks
            }
        });
    }

    @Override
    public void close() {
        stop().orTimeout(15, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    public State state() {
        return state.get();
    }

    public Nick nick() {
        return key.nick();
    }

    /** Our location as announced (known after {@link #start()} completes). */
    public Location ownLocation() {
        return ownLocation;
    }

    /** The local address of the direct server, if serving. */
    public Optional<InetSocketAddress> serverAddress() {
        JmServer s = server;
        return s == null ? Optional.empty() : Optional.of(s.localAddress());
    }

    /** Directories currently handshaked. */
    public Set<String> liveDirectories() {
        return Set.copyOf(liveDirectories.keySet());
    }

    /** The handshake a live directory sent us. */
    public Optional<DirectoryHandshake> directoryHandshake(String directory) {
        return Optional.ofNullable(directoryHandshakes.get(directory));
    }

    public PeerTable peers() {
        return peers;
    }

    public BanList bans() {
        return bans;
    }

    /** The handshaked, identity-confirmed direct connection to a nick, if any. */
    public Optional<ChannelId.Direct> directTo(Nick nick) {
        DirectHandler d = directByNick.get(nick);
        return d == null || !d.channel().isActive() ? Optional.empty() : Optional.of(d.id());
    }

    // ------------------------------------------------------------------ sending

    /** Sends PUBMSG {@code <our nick>!PUBLIC!<body>} to every live directory; returns how many. */
    public int publish(String body) {
        Envelope env = new PubMsg(key.nick(), body).toEnvelope();
        int n = 0;
        for (Channel ch : liveDirectories.values()) {
            ch.writeAndFlush(env);
            n++;
        }
        return n;
    }

    /**
     * Sends a PUBMSG on one channel only (e.g. the maker answering a direct {@code !orderbook}
     * is done with private messages; this is for a public command to one directory or peer).
     */
    public void publishOn(ChannelId via, String body) throws NoRouteException {
        Channel ch = channelFor(via).orElseThrow(() -> new NoRouteException(key.nick(), via + " is not live"));
        ch.writeAndFlush(new PubMsg(key.nick(), body).toEnvelope());
    }

    /** Sends a signed private message by the default route (direct, else a directory where seen). */
    public ChannelId sendPrivate(Nick to, String command, String data) throws NoRouteException {
        ChannelId via = route(to);
        write(via, to, command, data);
        if (connectDirectOnSend && via instanceof ChannelId.Directory && !pendingDirect.containsKey(to)
                && peers.get(to).flatMap(PeerTable.PeerView::servingLocation).isPresent()) {
            connectDirect(to).exceptionally(e -> {
                LOG.debug("background direct connection to {} failed: {}", to, e.toString());
                return null;
            });
        }
        return via;
    }

    /** Sends a signed private message over a pinned channel. */
    public ChannelId sendPrivate(Nick to, String command, String data, ChannelId via) throws NoRouteException {
        write(via, to, command, data);
        return via;
    }

    /** Sends the same signed private message over every live directory (NG maker behaviour). */
    public List<ChannelId> sendPrivateOnAllDirectories(Nick to, String command, String data) {
        Envelope env = RawPrivMsg.signed(key, to, command, data).toEnvelope();
        List<ChannelId> out = new ArrayList<>();
        liveDirectories.forEach((id, ch) -> {
            ch.writeAndFlush(env);
            out.add(new ChannelId.Directory(id));
        });
        return out;
    }

    /** The channel {@link #sendPrivate(Nick, String, String)} would use now. */
    public ChannelId route(Nick to) throws NoRouteException {
        Optional<ChannelId.Direct> direct = directTo(to);
        if (direct.isPresent()) {
            return direct.get();
        }
        List<String> candidates = new ArrayList<>();
        peers.get(to).ifPresent(v -> {
            for (String d : v.presentOn()) {
                if (liveDirectories.containsKey(d)) {
                    candidates.add(d);
                }
            }
        });
        if (candidates.isEmpty()) {
            throw new NoRouteException(to, "not seen on any live directory");
        }
        return new ChannelId.Directory(candidates.get(random.nextInt(candidates.size())));
    }

    private void write(ChannelId via, Nick to, String command, String data) throws NoRouteException {
        Channel ch = channelFor(via).orElseThrow(() -> new NoRouteException(to, via + " is not live"));
        ch.writeAndFlush(RawPrivMsg.signed(key, to, command, data).toEnvelope());
    }

    private Optional<Channel> channelFor(ChannelId via) {
        if (via instanceof ChannelId.Directory d) {
            return Optional.ofNullable(liveDirectories.get(d.directory()));
        }
        DirectHandler h = directs.get(((ChannelId.Direct) via).connectionId());
        return h == null || !h.handshaked || !h.channel().isActive() ? Optional.empty() : Optional.of(h.channel());
    }

    /** Asks every live directory that advertises {@code peerlist_features} for its peer list. */
    public int requestPeerlist() {
        int n = 0;
        for (Map.Entry<String, Channel> e : liveDirectories.entrySet()) {
            DirectoryHandshake hs = directoryHandshakes.get(e.getKey());
            if (hs != null && hs.features().has(Features.PEERLIST_FEATURES)) {
                e.getValue().writeAndFlush(Envelope.of(MessageType.GETPEERLIST, ""));
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ direct connections (taker side)

    /**
     * Opens a direct connection to a nick's serving location (from a peer list); completes when
     * the peer's HANDSHAKE arrived and validated. Onion locations go through the SOCKS proxy with
     * peer stream isolation; plain {@code host:port} locations only if the config allows them.
     */
    public CompletableFuture<ChannelId.Direct> connectDirect(Nick nick) {
        Optional<ChannelId.Direct> existing = directTo(nick);
        if (existing.isPresent()) {
            return CompletableFuture.completedFuture(existing.get());
        }
        Optional<Location> loc = peers.get(nick).flatMap(PeerTable.PeerView::servingLocation);
        if (loc.isEmpty()) {
            return CompletableFuture.failedFuture(new NoRouteException(nick, "no serving location known"));
        }
        return connectDirect(nick, loc.get());
    }

    /** Like {@link #connectDirect(Nick)} with an explicit location. */
    public CompletableFuture<ChannelId.Direct> connectDirect(Nick nick, Location location) {
        if (state.get() != State.RUNNING) {
            return CompletableFuture.failedFuture(new IllegalStateException("channel not running"));
        }
        CompletableFuture<ChannelId.Direct> fresh = new CompletableFuture<>();
        CompletableFuture<ChannelId.Direct> prev = pendingDirect.putIfAbsent(nick, fresh);
        if (prev != null) {
            return prev;
        }
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
            pendingDirect.remove(nick, fresh);
            return CompletableFuture.failedFuture(new NoRouteException(nick, "cannot reach location "
                    + location.toWire() + " in this mode"));
        }
        long deadline = System.nanoTime() + config.connectTimeout().toNanos();
        dialDirect(nick, target, proxy, deadline, 0, fresh);
        return fresh;
    }

    /**
     * One attempt of a direct connection. Over Tor, a maker's onion service that was published a
     * moment ago (or whose introduction failed once) answers "descriptor not found" or similar:
     * retried every 1-3 s until the connect timeout has passed, then the last reason is reported.
     */
    private void dialDirect(Nick nick, Endpoint target, Optional<SocksProxy> proxy, long deadline, int attempt,
            CompletableFuture<ChannelId.Direct> fresh) {
        long id = connectionIds.incrementAndGet();
        Duration left = Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime()));
        JmClient.connect(runtime, target, proxy, left, config.directLimits(),
                ch -> ch.pipeline().addLast(new DirectHandler(id, false, nick)))
                .whenComplete((ch, err) -> {
                    if (err != null) {
                        Duration wait = Duration.ofMillis(Math.min(3_000, 1_000L << Math.min(attempt, 2)));
                        if (proxy.isPresent() && SocksFailure.isTransientOnion(err) && state.get() == State.RUNNING
                                && System.nanoTime() + wait.toNanos() < deadline) {
                            LOG.debug("direct connection to {} at {}: {}; retrying in {} ms", nick, target,
                                    SocksFailure.describe(err, proxy), wait.toMillis());
                            scheduler.schedule(() -> dialDirect(nick, target, proxy, deadline, attempt + 1, fresh),
                                    wait);
                            return;
                        }
                        pendingDirect.remove(nick, fresh);
                        fresh.completeExceptionally(new IOException("direct connection to " + nick + " at " + target
                                + " failed: " + SocksFailure.describe(err, proxy), err));
                        return;
                    }
                    ch.writeAndFlush(ownHandshake.toEnvelope());
                    ch.closeFuture().addListener(f -> {
                        if (pendingDirect.remove(nick, fresh)) {
                            fresh.completeExceptionally(new IOException("direct connection closed before handshake"));
                        }
                    });
                });
    }

    /** A handler for one directory connection, for tests that drive it on an EmbeddedChannel. */
    io.netty.channel.ChannelHandler newDirectoryHandler(String directory) {
        return new DirectoryHandler(directory);
    }

    /** A handler for one accepted direct connection, for tests (requires {@link #start()} first). */
    io.netty.channel.ChannelHandler newInboundDirectHandler() {
        return new DirectHandler(connectionIds.incrementAndGet(), true, null);
    }

    // ------------------------------------------------------------------ directories

    private CompletableFuture<Channel> connectDirectory(Endpoint dir, String id) {
        Optional<SocksProxy> proxy = config.socks().map(
                p -> isolation.forDestination(p, StreamIsolation.Purpose.DIRECTORY, id));
        return JmClient.connect(runtime, dir, proxy, config.connectTimeout(), config.limits(),
                ch -> ch.pipeline().addLast(new DirectoryHandler(id))).whenComplete((ch, err) -> {
                    if (err != null) {
                        String why = SocksFailure.describe(err, proxy);
                        if (!why.equals(directoryFailures.put(id, why))) {
                            LOG.warn("directory {} unreachable: {} (retrying)", id, why);
                        }
                    }
                });
    }

    /**
     * Directories whose last connection attempt failed, with the reason in words (e.g. Tor's
     * "onion service descriptor not found", a SOCKS proxy that does not answer); an entry goes
     * away when that directory accepts our handshake. For "no directory reachable" messages.
     */
    public Map<String, String> directoryFailures() {
        return Map.copyOf(directoryFailures);
    }

    private Reconnector reconnectorFor(String id) {
        synchronized (reconnectors) {
            return reconnectors.get(id);
        }
    }

    private void deliver(Runnable r) {
        deliver(null, r);
    }

    /**
     * Hands a callback to the listener executor. If the listener falls behind by more than
     * {@code maxPendingDeliveries}, the source connection stops reading (TCP backpressure towards
     * the sender) until the backlog drains below half of that; memory stays bounded however fast
     * peers send.
     */
    private void deliver(Channel source, Runnable r) {
        int pending = pendingDeliveries.incrementAndGet();
        if (source != null && pending > maxPendingDeliveries && source.config().isAutoRead()) {
            source.config().setAutoRead(false);
            paused.add(source);
            LOG.debug("listener backlog {}: pausing reads from {}", pending, source.remoteAddress());
        }
        try {
            listenerExecutor.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("listener callback failed", e);
                } finally {
                    if (pendingDeliveries.decrementAndGet() <= maxPendingDeliveries / 2 && !paused.isEmpty()) {
                        resumePaused();
                    }
                }
            });
        } catch (RuntimeException e) {
            pendingDeliveries.decrementAndGet();
            LOG.warn("listener executor rejected a delivery: {}", e.toString());
        }
    }

    private void resumePaused() {
        for (Channel ch : paused) {
            if (paused.remove(ch)) {
                ch.config().setAutoRead(true);
            }
        }
    }

    /** Messages dropped because handling them threw unexpectedly (should stay 0; a bug otherwise). */
    public long unexpectedFailures() {
        return unexpectedFailures.get();
    }

    /** Connections whose reads are paused because the listener is behind. */
    public int pausedConnections() {
        return paused.size();
    }

    /** Callbacks queued on the listener executor and not yet run. */
    public int pendingDeliveries() {
        return pendingDeliveries.get();
    }

    /** Whether a public body carries {@code orderbook} more than once (reference DoS guard, 1.6). */
    static boolean repeatsOrderbook(String body) {
        return orderbookCount(body) > 1;
    }

    /**
     * How many {@code orderbook} commands a message body carries, counting every {@code !}-separated
     * command of the line (as the command parser splits it), not only the first.
     */
    static int orderbookCount(String body) {
        int n = 0;
        for (String part : body.split("!")) {
            String cmd = part.strip();
            int sp = cmd.indexOf(' ');
            if ((sp < 0 ? cmd : cmd.substring(0, sp)).equals("orderbook")) {
                n++;
            }
        }
        return n;
    }

    static String firstCommand(String body) {
        String b = body.startsWith("!") ? body.substring(1) : body;
        int end = b.length();
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c == ' ' || c == '!') {
                end = i;
                break;
            }
        }
        return b.substring(0, end);
    }

    /** Handles one directory connection. */
    private final class DirectoryHandler extends SimpleChannelInboundHandler<Envelope> {
        private final String id;
        /** The id an onion directory must sign for (JMP-0005); null for test endpoints (plain TCP). */
        private final String expectedDirectoryId;
        private boolean up;
        /** The directory accepted us and both sides advertised nick_auth: the 803/805/807 exchange runs. */
        private DirectoryHandshake awaitingNickAuth;
        private boolean proofSent;

        DirectoryHandler(String id) {
            this.id = id;
            String expected = null;
            try {
                Endpoint e = Endpoint.parse(id);
                if (NickAuth.isOnionHost(e.host())) {
                    expected = NickAuth.directoryIdFor(e.host(), e.port());
                }
            } catch (ProtocolException e) {
                // not host:port: no expected id
            }
            this.expectedDirectoryId = expected;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Envelope env) {
            Optional<MessageType> type = env.messageType();
            if (type.isEmpty()) {
                return; // unknown codes are ignored
            }
            if (!up) {
                if (awaitingNickAuth != null) {
                    onNickAuth(ctx, type.get(), env.line());
                    return;
                }
                if (type.get() == MessageType.DN_HANDSHAKE) {
                    onDirectoryHandshake(ctx, env.line());
                } else if (type.get() == MessageType.HANDSHAKE) {
                    onDirectoryClientFormatHandshake(ctx, env.line());
                }
                return; // nothing else counts before the directory's handshake
            }
            switch (type.get()) {
                case PING -> ctx.writeAndFlush(Envelope.of(MessageType.PONG, ""));
                case PEERLIST -> {
                    List<PeerlistEntry> entries = Peerlist.parseValidEntries(env.line());
                    for (PeerlistEntry e : entries) {
                        if (!e.nick().equals(key.nick())) {
                            boolean wasPresent = peers.get(e.nick()).map(v -> !v.presentOn().isEmpty()).orElse(false);
                            peers.apply(id, e);
                            if (e.disconnected() && wasPresent && directTo(e.nick()).isEmpty()
                                    && peers.get(e.nick()).map(v -> v.presentOn().isEmpty()).orElse(true)) {
                                Nick gone = e.nick();
                                deliver(() -> listener.onPeerDeparted(gone));
                            }
                        }
                    }
                    deliver(() -> listener.onPeerlist(id, entries));
                }
                case PUBMSG -> onPublic(new ChannelId.Directory(id), env.line(), null, ctx.channel());
                case PRIVMSG -> onPrivate(new ChannelId.Directory(id), env.line(), null, ctx.channel());
                default -> {
                    // PONG, DISCONNECT, nick-auth, HANDSHAKE repeats: ignored
                }
            }
        }

        /**
         * NG clients also accept a directory answering in the 793 format (2.2): usable when it
         * says {@code directory: true}, app joinmarket, version 5 and our network.
         */
        private void onDirectoryClientFormatHandshake(ChannelHandlerContext ctx, String line) {
            Handshake h;
            try {
                h = Handshake.parse(line);
            } catch (ProtocolException e) {
                directoryRefused(ctx, id, "sent a handshake we cannot read: " + e.getMessage());
                return;
            }
            if (!h.network().equals(config.network())) {
                directoryRefused(ctx, id, "runs " + h.network() + ", we announce " + config.network());
                return;
            }
            if (!h.directory() || !Handshake.APP_NAME.equalsIgnoreCase(h.appName())
                    || h.protoVer() != Handshake.PROTOCOL_VERSION) {
                directoryRefused(ctx, id, "sent a handshake we cannot use (not a JoinMarket directory of protocol "
                        + Handshake.PROTOCOL_VERSION + ")");
                return;
            }
            directoryUp(ctx, DirectoryHandshake.of(h.nick(), h.network(), h.features(), true, ""));
        }

        private void onDirectoryHandshake(ChannelHandlerContext ctx, String line) {
            DirectoryHandshake hs;
            try {
                hs = DirectoryHandshake.parse(line);
            } catch (ProtocolException e) {
                directoryRefused(ctx, id, "sent a handshake we cannot read: " + e.getMessage());
                return;
            }
            if (!hs.network().equals(config.network())) {
                directoryRefused(ctx, id, "runs " + hs.network() + ", we announce " + config.network());
                return;
            }
            try {
                hs.checkAsClient(config.network());
            } catch (ProtocolException e) {
                directoryRefused(ctx, id, hs.accepted() ? "sent a handshake we cannot use: " + e.getMessage()
                        : "refused us: " + refusalText(hs.motd()));
                return;
            }
            if (config.features().has(Features.NICK_AUTH) && hs.features().has(Features.NICK_AUTH)) {
                awaitingNickAuth = hs; // up only once the directory verified our proof (JMP-0005, 1.9)
                return;
            }
            directoryUp(ctx, hs);
        }

        /**
         * JMP-0005 client side: sign the directory's challenge (for an onion directory only if it
         * names the id of the endpoint we dialled, so no directory can relay another's challenge)
         * and count the directory as up on {@code ok}. The connection's handshake deadline bounds
         * the exchange.
         */
        private void onNickAuth(ChannelHandlerContext ctx, MessageType type, String line) {
            try {
                if (type == MessageType.NICK_AUTH_CHALLENGE && !proofSent) {
                    NickAuth.Challenge c = NickAuth.Challenge.parse(line);
                    if (expectedDirectoryId != null && !c.directoryId().equals(expectedDirectoryId)) {
                        LOG.info("directory {} sent a nick-auth challenge for directory id {}, expected {}: closing",
                                id, c.directoryId(), expectedDirectoryId);
                        ctx.close();
                        return;
                    }
                    proofSent = true;
                    ctx.writeAndFlush(Envelope.of(MessageType.NICK_AUTH_PROOF,
                            NickAuth.Proof.create(key, c, ownHandshake.toLineJson()).toJson()));
                } else if (type == MessageType.NICK_AUTH_RESULT && proofSent) {
                    NickAuth.Result r = NickAuth.Result.parse(line);
                    if (!r.verified()) {
                        LOG.info("directory {} did not verify our nick ({}): closing", id, r.code().wire());
                        ctx.close();
                        return;
                    }
                    DirectoryHandshake hs = awaitingNickAuth;
                    awaitingNickAuth = null;
                    LOG.debug("{} nick verified by directory {}", key.nick(), id);
                    directoryUp(ctx, hs);
                } else if (type == MessageType.NICK_AUTH_CHALLENGE || type == MessageType.NICK_AUTH_RESULT
                        || type == MessageType.DN_HANDSHAKE || type == MessageType.HANDSHAKE) {
                    LOG.info("directory {} sent {} out of order during nick authentication: closing", id, type);
                    ctx.close();
                }
            } catch (ProtocolException e) {
                LOG.info("directory {} sent a malformed nick-auth message ({}): closing", id, e.getMessage());
                ctx.close();
            }
        }

        private void directoryUp(ChannelHandlerContext ctx, DirectoryHandshake hs) {
            up = true;
            HandshakeDeadline.markHandshaked(ctx.channel());
            directoryHandshakes.put(id, hs);
            liveDirectories.put(id, ctx.channel());
            Reconnector r = reconnectorFor(id);
            if (r != null) {
                r.markHealthy();
            }
            refusals.remove(id);
            LOG.info("{} connected to directory {} ({})", key.nick(), id, hs.nick());
            if (config.requestPeerlist() && hs.features().has(Features.PEERLIST_FEATURES)) {
                ctx.writeAndFlush(Envelope.of(MessageType.GETPEERLIST, ""));
            }
            directoryFailures.remove(id);
            deliver(() -> listener.onDirectoryUp(id, hs));
            firstDirectory.complete(null);
            if (config.directories().stream().allMatch(d -> liveDirectories.containsKey(d.toString()))) {
                allDirectories.complete(null);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            messageFailed(ctx, cause);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof io.netty.handler.timeout.IdleStateEvent) {
                LOG.debug("directory {} silent too long, reconnecting", id);
                ctx.close();
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            boolean stopping = state.get() == State.STOPPED;
            if (up) {
                up = false;
                liveDirectories.remove(id, ctx.channel());
                directoryHandshakes.remove(id);
                peers.directoryLost(id);
                if (stopping) {
                    LOG.debug("{} closed directory {}", key.nick(), id);
                } else {
                    LOG.info("{} lost directory {}", key.nick(), id);
                    deliver(() -> listener.onDirectoryDown(id));
                }
            } else if (!stopping && !refusals.containsKey(id) && unansweredReported.add(id)) {
                LOG.info("directory {}: the connection closed before the directory answered our handshake (an NG "
                        + "directory closes like this when the network differs; we announce {})", id, config.network());
            }
            ctx.fireChannelInactive();
        }
    }

    private void onPublic(ChannelId via, String line, DirectHandler direct, Channel source) {
        PubMsg msg;
        try {
            msg = PubMsg.parse(line);
        } catch (ProtocolException e) {
            LOG.debug("{} dropped malformed PUBMSG: {}", via, e.getMessage());
            return;
        }
        if (msg.from().equals(key.nick())) {
            return;
        }
        if (direct != null && !direct.admitPublic(msg)) {
            return;
        }
        if (repeatsOrderbook(msg.body())) {
            return;
        }
        String cmd = firstCommand(msg.body());
        if (via instanceof ChannelId.Directory d) {
            peers.seen(d.directory(), msg.from());
        }
        if (!filter.accept(via, msg.from(), cmd)) {
            return;
        }
        deliver(source, () -> listener.onPublic(via, msg));
    }

    private void onPrivate(ChannelId via, String line, DirectHandler direct, Channel source) {
        VerifiedPrivMsg msg;
        try {
            RawPrivMsg raw = RawPrivMsg.parse(line);
            if (!raw.to().equals(key.nick())) {
                return; // not for us (1.6): ignore without verifying
            }
            msg = raw.verify();
        } catch (ProtocolException e) {
            LOG.debug("{} dropped PRIVMSG: {}", via, e.getMessage());
            return;
        }
        if (direct != null && !direct.admitPrivate(msg)) {
            return;
        }
        if (via instanceof ChannelId.Directory d) {
            peers.seen(d.directory(), msg.from());
        }
        if (!filter.accept(via, msg.from(), msg.command())) {
            return;
        }
        deliver(source, () -> listener.onPrivate(via, msg));
    }

    /**
     * An unexpected failure while handling one message (a bug, not peer input: parsers reject
     * input with ProtocolException) drops that message and keeps the connection; I/O errors close.
     */
    private void messageFailed(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof RuntimeException) {
            unexpectedFailures.incrementAndGet();
            LOG.warn("{} failed handling a message; dropped", ctx.channel().remoteAddress(), cause);
            return;
        }
        LOG.debug("{} closing after error: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private String banKey(InetSocketAddress remote) {
        return banKey.apply(remote);
    }

    /** Ban key: address and port (NG: the connection address as seen from Tor, 11.5). */
    public static String addressAndPort(InetSocketAddress remote) {
        return hostOnly(remote) + ":" + remote.getPort();
    }

    /** Ban key: the remote host only. */
    public static String hostOnly(InetSocketAddress remote) {
        return remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    }

    /** One direct connection, accepted by our server (inbound) or opened by us (outbound). */
    private final class DirectHandler extends SimpleChannelInboundHandler<Envelope> {
        private final ChannelId.Direct id;
        private final boolean inbound;
        private final Nick expected;
        private final TokenBucket bucket;
        private Channel channel;
        private volatile boolean handshaked;
        private Nick handshakeNick;
        private Nick identity;
        private long lastOrderbook;
        private boolean orderbookSeen;
        private int violations;

        DirectHandler(long id, boolean inbound, Nick expected) {
            this.id = new ChannelId.Direct(id);
            this.inbound = inbound;
            this.expected = expected;
            this.bucket = inbound
                    ? new TokenBucket(serverLimits.messagesPerSecond(), serverLimits.burst(), nanoTime.getAsLong())
                    : null;
        }

        ChannelId.Direct id() {
            return id;
        }

        Channel channel() {
            return channel;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            directs.put(id.connectionId(), this);
            if (inbound) {
                inboundDirect.incrementAndGet();
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Envelope env) {
            if (rateLimited()) {
                return; // inbound: every line counts, whatever its type (HANDSHAKE, PING, unknown codes)
            }
            Optional<MessageType> type = env.messageType();
            if (type.isEmpty()) {
                return;
            }
            if (type.get() == MessageType.HANDSHAKE) {
                onHandshake(ctx, env.line());
                return;
            }
            if (!handshaked) {
                return; // messages before the handshake are dropped (11.5)
            }
            switch (type.get()) {
                case PING -> ctx.writeAndFlush(Envelope.of(MessageType.PONG, ""));
                case PRIVMSG -> onPrivate(id, env.line(), this, ctx.channel());
                case PUBMSG -> {
                    if (inbound) {
                        onPublic(id, env.line(), this, ctx.channel());
                    }
                }
                default -> {
                    // DN_HANDSHAKE from a peer, PEERLIST, etc.: ignored on direct connections
                }
            }
        }

        private boolean rateLimited() {
            return bucket != null && !bucket.tryTake(nanoTime.getAsLong());
        }

        private void onHandshake(ChannelHandlerContext ctx, String line) {
            Handshake hs;
            try {
                hs = Handshake.parse(line);
                hs.checkPeer(config.network());
            } catch (ProtocolException e) {
                LOG.debug("{} unusable peer handshake: {}", id, e.getMessage());
                if (!inbound) {
                    ctx.close();
                }
                return; // inbound: no answer (network mismatch etc.); the deadline closes it
            }
            if (handshakeNick != null) {
                if (!handshakeNick.equals(hs.nick())) {
                    ctx.close(); // a later handshake with another nick (11.5)
                }
                return;
            }
            if (!inbound && !hs.nick().equals(expected)) {
                LOG.debug("{} peer announced {} but we connected to {}", id, hs.nick(), expected);
                ctx.close();
                return;
            }
            Handshake ours = ownHandshake;
            if (ours == null) {
                ctx.close(); // still starting: our location is not known yet
                return;
            }
            handshakeNick = hs.nick();
            handshaked = true;
            HandshakeDeadline.markHandshaked(ctx.channel());
            if (inbound) {
                ctx.writeAndFlush(ours.toEnvelope());
            } else {
                identity = expected;
                directByNick.put(expected, this);
                CompletableFuture<ChannelId.Direct> f = pendingDirect.remove(expected);
                if (f != null) {
                    f.complete(id);
                }
            }
            deliver(() -> listener.onDirectUp(id, hs));
        }

        /**
         * Direct-server checks for a PUBMSG (inbound only): the sender must be the connection's
         * nick (the verified one once a signed message bound it, else the handshake's), and every
         * {@code orderbook} command of the line counts against the per-connection limit.
         */
        boolean admitPublic(PubMsg msg) {
            Nick own = identity != null ? identity : handshakeNick;
            if (!msg.from().equals(own)) {
                return false;
            }
            return admitOrderbooks(orderbookCount(msg.body()));
        }

        /**
         * Identity checks for a verified PRIVMSG on a direct connection, then the per-connection
         * {@code orderbook} limit for every {@code orderbook} command the message carries.
         */
        boolean admitPrivate(VerifiedPrivMsg msg) {
            if (identity == null) {
                identity = msg.from(); // first verified sender becomes the connection's identity
                directByNick.put(identity, this);
            } else if (!identity.equals(msg.from())) {
                return false;
            }
            return !inbound || admitOrderbooks(orderbookCount(msg.command() + " " + msg.data()));
        }

        /**
         * The per-connection {@code orderbook} limit: at most one per interval, and never two in
         * one line. A line breaking it is dropped whole and counts as a violation.
         */
        private boolean admitOrderbooks(int count) {
            if (count == 0) {
                return true;
            }
            long now = nanoTime.getAsLong();
            if (count > 1 || orderbookSeen && now - lastOrderbook < serverLimits.orderbookInterval().toNanos()) {
                violation();
                return false;
            }
            orderbookSeen = true;
            lastOrderbook = now;
            return true;
        }

        private void violation() {
            violations++;
            if (violations >= serverLimits.maxViolations() && channel.remoteAddress() instanceof InetSocketAddress a) {
                String k = banKey(a);
                bans.ban(k);
                LOG.info("banned direct peer {} ({}) after {} violations", k, handshakeNick, violations);
                channel.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            messageFailed(ctx, cause);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof io.netty.handler.timeout.IdleStateEvent) {
                LOG.debug("{} idle, closing", id);
                ctx.close();
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (directs.remove(id.connectionId()) != null && inbound) {
                inboundDirect.decrementAndGet();
            }
            if (identity != null) {
                directByNick.remove(identity, this);
            }
            if (handshaked) {
                deliver(() -> listener.onDirectDown(id));
            }
            ctx.fireChannelInactive();
        }
    }
}
