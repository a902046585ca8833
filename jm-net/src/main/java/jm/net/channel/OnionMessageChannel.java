package jm.net.channel;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import jm.core.Nick;
import jm.core.crypto.NickKey;
import jm.core.wire.DirectoryHandshake;
import jm.core.wire.Envelope;
import jm.core.wire.Location;
import jm.core.wire.PubMsg;
import jm.core.wire.RawPrivMsg;
import jm.net.tor.StreamIsolation;
import jm.net.transport.NetRuntime;
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
 * The channel is the lifecycle facade over its parts, one job each: {@link DirectoryLinks} (with
 * a {@link DirectoryHandler} per directory connection), {@link DirectServer} (with a
 * {@link DirectHandler} and {@link InboundLimits} per accepted connection), {@link DirectDialer},
 * {@link DirectConnections}, {@link Router}, {@link InboundMessages} and {@link ListenerDispatch}.
 *
 * <p>Thread-safe. Network handlers run on Netty event loops and never block; listener callbacks
 * run on the caller-supplied executor; the Tor control port on the direct server's own thread.
 */
public final class OnionMessageChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OnionMessageChannel.class);

    /** Lifecycle, one way. */
    public enum State { NEW, STARTING, RUNNING, STOPPED }

    private final OwnIdentity own;
    private final boolean connectDirectOnSend;
    private final PeerTable peers;
    private final BanList bans;
    private final HandlerFailures failures = new HandlerFailures();
    private final ListenerDispatch dispatch;
    /** Signature checks behind priority lanes, if the role asked for them; else null (inline). */
    private final ExecutorService verifyThread;
    private final VerifyLanes lanes;
    private final InboundMessages messages;
    private final DirectConnections directs = new DirectConnections();
    private final DirectoryLinks directories;
    private final DirectServer server;
    private final DirectDialer dialer;
    private final Router router;
    private final HandlerParts parts;
    private final Function<String, DirectoryHandler> directoryHandlers;
    private final Supplier<DirectHandler> inboundHandlers;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);

    private OnionMessageChannel(Builder b) {
        this.own = new OwnIdentity(b.config, b.key);
        this.connectDirectOnSend = b.connectDirectOnSend;
        this.peers = new PeerTable(b.config.maxNicksPerDirectory());
        this.bans = new BanList(b.serverLimits.banDuration(), b.serverLimits.maxBans(), b.nanoTime);
        this.dispatch = new ListenerDispatch(b.listenerExecutor, b.listener, b.maxPendingDeliveries);
        this.verifyThread = b.priority == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jm-verify-" + b.key.nick());
            t.setDaemon(true);
            return t;
        });
        this.lanes = b.priority == null ? null : new VerifyLanes(b.priority, verifyThread);
        this.messages = new InboundMessages(b.key.nick(), peers, b.filter, dispatch, lanes);
        TaskScheduler scheduler = b.scheduler != null ? b.scheduler : TaskScheduler.of(b.runtime.workerGroup().next());
        StreamIsolation isolation = StreamIsolation.random(b.secureRandom);
        this.directories = new DirectoryLinks(own, b.runtime, scheduler, b.random, isolation, dispatch);
        this.server = new DirectServer(b.serving, b.serverLimits, b.runtime, own, bans, b.banKey, directs);
        this.dialer = new DirectDialer(own, b.runtime, isolation, scheduler, directs, peers,
                () -> state.get() == State.RUNNING);
        this.router = new Router(b.key, directories, directs, peers, b.random);
        this.parts = new HandlerParts(own, directs, messages, dispatch, failures);
        this.directoryHandlers = id -> new DirectoryHandler(id, directories, peers, parts);
        DirectServerLimits limits = b.serverLimits;
        LongSupplier nanoTime = b.nanoTime;
        Function<InetSocketAddress, String> banKey = b.banKey;
        this.inboundHandlers = () -> DirectHandler.inbound(new InboundLimits(limits, nanoTime, bans, banKey), parts);
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
        private RandomGenerator random = new SplittableRandom();
        private SecureRandom secureRandom = new SecureRandom();
        private LongSupplier nanoTime = System::nanoTime;
        private Function<InetSocketAddress, String> banKey = OnionMessageChannel::addressAndPort;
        private int maxPendingDeliveries = 10_000;
        private boolean connectDirectOnSend;
        private InboundPriority priority;

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
        public Builder banKey(Function<InetSocketAddress, String> k) {
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

        /**
         * Check PRIVMSG signatures on a dedicated thread behind priority lanes ({@link VerifyLanes})
         * instead of on the event loops: {@code priority} classifies each message cheaply first
         * (the maker: verified takers first, new {@code !fill}/{@code !orderbook} last and shed
         * first). Default: inline.
         */
        public Builder prioritisedVerification(InboundPriority p) {
            this.priority = Objects.requireNonNull(p);
            return this;
        }

        public OnionMessageChannel build() {
            return new OnionMessageChannel(this);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Starts the direct server (if any; an onion service is created on the server's Tor thread,
     * since the control port blocks) and then the directory connections. Completes when the
     * server is up and every directory connection has been initiated; see
     * {@link #awaitDirectory()} for the first successful directory handshake.
     */
    public CompletableFuture<Void> start() {
        if (!state.compareAndSet(State.NEW, State.STARTING)) {
            return CompletableFuture.failedFuture(new IllegalStateException("already started"));
        }
        return server.start(inboundHandlers::get).thenAccept(location -> {
            own.announce(location);
            directories.start(directoryHandlers::apply);
            state.compareAndSet(State.STARTING, State.RUNNING);
        });
    }

    /**
     * Completes when at least one directory accepted our handshake; fails with a
     * {@link DirectoryRefusedException} as soon as every configured directory has refused us
     * (answered {@code accepted:false}, another network, or a handshake we cannot use) before any
     * accepted.
     */
    public CompletableFuture<Void> awaitDirectory() {
        return directories.awaitFirst();
    }

    /**
     * Completes when every configured directory has accepted our handshake and is up at the same
     * time (NG publishes {@code !hp2} on all of them). Callers bound the wait themselves.
     */
    public CompletableFuture<Void> awaitAllDirectories() {
        return directories.awaitAll();
    }

    /** Directories whose last answer was a refusal, with why (cleared when one accepts us). */
    public Map<String, String> refusals() {
        return directories.refusals();
    }

    /**
     * Directories whose last connection attempt failed, with the reason in words (e.g. Tor's
     * "onion service descriptor not found", a SOCKS proxy that does not answer); an entry goes
     * away when that directory accepts our handshake. For "no directory reachable" messages.
     */
    public Map<String, String> directoryFailures() {
        return directories.failures();
    }

    /** Stops reconnecting, closes every connection and the server, removes the onion service. */
    public CompletableFuture<Void> stop() {
        State prev = state.getAndSet(State.STOPPED);
        if (prev == State.STOPPED) {
            return CompletableFuture.completedFuture(null);
        }
        directories.stop();
        directs.closeAll();
        if (verifyThread != null) {
            verifyThread.shutdownNow();
        }
        return server.stop();
    }

    @Override
    public void close() {
        stop().orTimeout(15, TimeUnit.SECONDS).join();
    }

    public State state() {
        return state.get();
    }

    public Nick nick() {
        return own.nick();
    }

    /** Our location as announced (known after {@link #start()} completes). */
    public Location ownLocation() {
        return server.location();
    }

    /** The local address of the direct server, if serving. */
    public Optional<InetSocketAddress> serverAddress() {
        return server.address();
    }

    /** Directories currently handshaked. */
    public Set<String> liveDirectories() {
        return directories.liveIds();
    }

    /** The handshake a live directory sent us. */
    public Optional<DirectoryHandshake> directoryHandshake(String directory) {
        return directories.handshake(directory);
    }

    public PeerTable peers() {
        return peers;
    }

    public BanList bans() {
        return bans;
    }

    /** The handshaked, identity-confirmed direct connection to a nick, if any. */
    public Optional<ChannelId.Direct> directTo(Nick nick) {
        return directs.to(nick);
    }

    /** Messages dropped because handling them threw unexpectedly (should stay 0; a bug otherwise). */
    public long unexpectedFailures() {
        return failures.unexpected();
    }

    /** Connections whose reads are paused because the listener is behind. */
    public int pausedConnections() {
        return dispatch.pausedConnections();
    }

    /** Callbacks queued on the listener executor and not yet run. */
    public int pendingDeliveries() {
        return dispatch.pending();
    }

    /** PRIVMSGs shed before their signature check (overload; 0 without prioritised verification). */
    public long shedBeforeVerification() {
        return lanes == null ? 0 : lanes.shed();
    }

    // ------------------------------------------------------------------ sending

    /** Sends PUBMSG {@code <our nick>!PUBLIC!<body>} to every live directory; returns how many. */
    public int publish(String body) {
        return directories.writeAll(new PubMsg(own.nick(), body).toEnvelope()).size();
    }

    /**
     * Sends a PUBMSG on one channel only (e.g. the maker answering a direct {@code !orderbook}
     * is done with private messages; this is for a public command to one directory or peer).
     */
    public void publishOn(ChannelId via, String body) throws NoRouteException {
        router.publishOn(via, body);
    }

    /** Sends a signed private message by the default route (direct, else a directory where seen). */
    public ChannelId sendPrivate(Nick to, String command, String data) throws NoRouteException {
        ChannelId via = router.route(to);
        router.sendPrivate(via, to, command, data);
        if (connectDirectOnSend && via instanceof ChannelId.Directory && !directs.isDialing(to)
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
        router.sendPrivate(via, to, command, data);
        return via;
    }

    /** Sends the same signed private message over every live directory (NG maker behaviour). */
    public List<ChannelId> sendPrivateOnAllDirectories(Nick to, String command, String data) {
        Envelope env = RawPrivMsg.signed(own.key(), to, command, data).toEnvelope();
        return directories.writeAll(env).stream().<ChannelId>map(ChannelId.Directory::new).toList();
    }

    /** The channel {@link #sendPrivate(Nick, String, String)} would use now. */
    public ChannelId route(Nick to) throws NoRouteException {
        return router.route(to);
    }

    /** Asks every live directory that advertises {@code peerlist_features} for its peer list. */
    public int requestPeerlist() {
        return directories.requestPeerlist();
    }

    // ------------------------------------------------------------------ direct connections (taker side)

    /**
     * Opens a direct connection to a nick's serving location (from a peer list); completes when
     * the peer's HANDSHAKE arrived and validated. Onion locations go through the SOCKS proxy with
     * peer stream isolation; plain {@code host:port} locations only if the config allows them.
     */
    public CompletableFuture<ChannelId.Direct> connectDirect(Nick nick) {
        return dialer.connect(nick, this::outboundHandler);
    }

    /** Like {@link #connectDirect(Nick)} with an explicit location. */
    public CompletableFuture<ChannelId.Direct> connectDirect(Nick nick, Location location) {
        return dialer.connect(nick, location, this::outboundHandler);
    }

    private DirectHandler outboundHandler(Nick expected) {
        return DirectHandler.outbound(expected, parts);
    }

    /** Ban key: address and port (NG: the connection address as seen from Tor, 11.5). */
    public static String addressAndPort(InetSocketAddress remote) {
        return hostOnly(remote) + ":" + remote.getPort();
    }

    /** Ban key: the remote host only. */
    public static String hostOnly(InetSocketAddress remote) {
        return remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    }
}
