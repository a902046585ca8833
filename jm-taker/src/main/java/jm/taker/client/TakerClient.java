package jm.taker.client;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import jm.chain.ChainBackend;
import jm.core.Nick;
import jm.core.crypto.NickKey;
import jm.net.channel.MessageChannelConfig;
import jm.net.channel.OnionMessageChannel;
import jm.net.transport.NetRuntime;
import jm.taker.adapter.ChannelMessenger;
import jm.taker.podle.UsedCommitmentStore;
import jm.taker.session.CoinJoinRequest;
import jm.taker.session.CoinJoinSession;
import jm.taker.session.OwnNicks;
import jm.taker.session.ProgressListener;
import jm.taker.session.TakerConfig;
import jm.taker.session.TakerWallet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The taker counterpart to the maker bot: {@link #start()} connects to the directories (over Tor
 * when the channel settings name a SOCKS proxy) under a fresh nick, {@link #coinJoin} runs one
 * CoinJoin at a time on that connection (any number one after another), {@link #stop()} cancels
 * a running CoinJoin, waits (bounded) for it to release its coins and releases the connection and
 * the threads. The lifecycle is one-way: NEW, STARTING, RUNNING, STOPPING, STOPPED.
 *
 * <p>Threads: one {@code taker-session} thread runs every session (inbound messages and timers
 * hop onto it; listeners are called there), one {@code taker-listener} thread receives from the
 * channel, and the Netty runtime given (or one of its own, closed on stop). All methods are
 * thread-safe and return at once; {@link #stop()} may be called from a signal handler.
 */
public final class TakerClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TakerClient.class);
    /** How long {@link #stop()} waits for a cancelled CoinJoin to end before closing the connection. */
    public static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final Duration CHANNEL_STOP_WAIT = Duration.ofSeconds(10);

    /** One-way lifecycle. */
    public enum State { NEW, STARTING, RUNNING, STOPPING, STOPPED }

    /**
     * How the client connects.
     *
     * @param channel           directories, network name, SOCKS proxy (jm-net's channel settings)
     * @param directoryWait     how long {@link #start()} waits for the first directory handshake
     * @param directConnections whether chosen makers are dialled directly (else directory relay only)
     * @param directOnSend      whether every private send to a maker with a known location dials it first
     * @param ownNicks          self-CoinJoin guard ({@link OwnNicks#none()} for none)
     * @param notices           news for the user at once, such as a directory refusing us and why
     */
    public record Settings(MessageChannelConfig channel, Duration directoryWait, boolean directConnections,
            boolean directOnSend, OwnNicks ownNicks, Consumer<String> notices) {
        public Settings {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(ownNicks, "ownNicks");
            Objects.requireNonNull(notices, "notices");
            if (directoryWait.isNegative() || directoryWait.isZero()) {
                throw new IllegalArgumentException("directoryWait must be positive");
            }
        }

        /** Direct connections to chosen makers, 90 s for a directory, no self-CoinJoin guard, notices logged. */
        public static Settings of(MessageChannelConfig channel) {
            return new Settings(channel, Duration.ofSeconds(90), true, false, OwnNicks.none(),
                    n -> LOG.warn("{}", n));
        }

        public Settings withDirectoryWait(Duration wait) {
            return new Settings(channel, wait, directConnections, directOnSend, ownNicks, notices);
        }

        public Settings withDirectConnections(boolean onChoice, boolean onSend) {
            return new Settings(channel, directoryWait, onChoice, onSend, ownNicks, notices);
        }

        public Settings withOwnNicks(OwnNicks nicks) {
            return new Settings(channel, directoryWait, directConnections, directOnSend, nicks, notices);
        }

        public Settings withNotices(Consumer<String> n) {
            return new Settings(channel, directoryWait, directConnections, directOnSend, ownNicks, n);
        }
    }

    private final Settings settings;
    private final TakerWallet wallet;
    private final ChainBackend chain;
    private final UsedCommitmentStore usedCommitments;
    private final SecureRandom random;
    private final Clock clock;
    private final NickKey nickKey;
    private final NetRuntime sharedRuntime;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final ScheduledThreadPoolExecutor sessionThread;
    private final ExecutorService listenerThread;
    private final ChannelMessenger messenger;
    private volatile OnionMessageChannel channel;
    private NetRuntime ownRuntime;
    private CoinJoinHandle current;

    /**
     * A client on its own Netty runtime (closed by {@link #stop()}).
     *
     * @param wallet          the taker's wallet (sync it before each CoinJoin: the client does not)
     * @param chain           the chain backend the wallet was synced from
     * @param usedCommitments PoDLE commitments never to use again
     */
    public TakerClient(Settings settings, TakerWallet wallet, ChainBackend chain, UsedCommitmentStore usedCommitments,
            SecureRandom random, Clock clock) {
        this(settings, wallet, chain, usedCommitments, null, random, clock);
    }

    /** A client on a shared Netty runtime (left running by {@link #stop()}); {@code runtime} null for its own. */
    public TakerClient(Settings settings, TakerWallet wallet, ChainBackend chain, UsedCommitmentStore usedCommitments,
            NetRuntime runtime, SecureRandom random, Clock clock) {
        this.settings = Objects.requireNonNull(settings);
        this.wallet = Objects.requireNonNull(wallet);
        this.chain = Objects.requireNonNull(chain);
        this.usedCommitments = Objects.requireNonNull(usedCommitments);
        this.sharedRuntime = runtime;
        this.random = Objects.requireNonNull(random);
        this.clock = Objects.requireNonNull(clock);
        this.nickKey = NickKey.random(random);
        this.sessionThread = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("taker-session", true));
        this.sessionThread.setRemoveOnCancelPolicy(true);
        this.listenerThread = Executors.newSingleThreadExecutor(new DefaultThreadFactory("taker-listener", true));
        this.messenger = new ChannelMessenger(() -> channel, settings.notices(), settings.directConnections());
    }

    /** Our nick on this connection (fresh per client). */
    public Nick nick() {
        return nickKey.nick();
    }

    public State state() {
        return state.get();
    }

    /**
     * Connects and completes once a directory has accepted us; fails with
     * {@link DirectoryUnreachableException} when none does within {@link Settings#directoryWait()}.
     * Idempotent: later calls return the same future.
     */
    public CompletableFuture<Void> start() {
        if (!state.compareAndSet(State.NEW, State.STARTING)) {
            return started;
        }
        try {
            NetRuntime runtime = sharedRuntime;
            if (runtime == null) {
                ownRuntime = NetRuntime.create(0, "jm-taker");
                runtime = ownRuntime;
            }
            OnionMessageChannel ch = OnionMessageChannel.builder(settings.channel(), nickKey, runtime,
                            deliveries(), messenger)
                    .connectDirectOnSend(settings.directOnSend()).secureRandom(random).build();
            channel = ch;
            Duration wait = settings.directoryWait();
            ch.start().thenCompose(v -> ch.awaitDirectory())
                    .orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((v, e) -> {
                        if (e == null) {
                            state.compareAndSet(State.STARTING, State.RUNNING);
                            started.complete(null);
                        } else {
                            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                            started.completeExceptionally(new DirectoryUnreachableException(
                                    cause instanceof TimeoutException ? Optional.empty() : Optional.of(cause),
                                    ch.directoryFailures(), wait));
                        }
                    });
        } catch (RuntimeException e) {
            started.completeExceptionally(e);
        }
        return started;
    }

    /** Inbound messages for the session; after stop they are dropped. */
    private Executor deliveries() {
        return r -> {
            try {
                listenerThread.execute(r);
            } catch (RejectedExecutionException e) {
                // stopped: late messages are dropped
            }
        };
    }

    /**
     * Starts a CoinJoin on the started connection. One at a time: throws
     * {@link IllegalStateException} if the client is not RUNNING or the previous CoinJoin has not
     * ended. {@code listener} is called on the session thread.
     */
    public synchronized CoinJoinHandle coinJoin(CoinJoinRequest request, TakerConfig config,
            ProgressListener listener) {
        if (state.get() != State.RUNNING) {
            throw new IllegalStateException("the taker client is " + state.get() + ", not RUNNING");
        }
        if (current != null && !current.result().isDone()) {
            throw new IllegalStateException("a CoinJoin is already running on this taker client");
        }
        CoinJoinSession session = new CoinJoinSession(config, request, messenger, chain, wallet, usedCommitments,
                sessionThread, new Random(random.nextLong()), random, clock, listener, settings.ownNicks());
        messenger.attach(session);
        current = new CoinJoinHandle(session, session.start(), messenger);
        return current;
    }

    /** {@link #stop(String)} with a generic reason. */
    public CompletableFuture<Void> stop() {
        return stop("the taker client is stopping");
    }

    /**
     * Cancels a running CoinJoin ({@code reason} goes into its report), waits up to
     * {@link #STOP_WAIT} for it to end, stops the connection and releases the threads (and the
     * runtime if it is the client's own). Idempotent and non-blocking: the future completes when
     * everything is released; callers bound their wait on it.
     */
    public CompletableFuture<Void> stop(String reason) {
        State was = state.getAndUpdate(s -> s == State.STOPPED ? s : State.STOPPING);
        if (was == State.STOPPING || was == State.STOPPED) {
            return stopped;
        }
        CoinJoinHandle running;
        synchronized (this) {
            running = current;
        }
        CompletableFuture<?> ended = running == null ? CompletableFuture.completedFuture(null)
                : running.cancel(reason).result().copy().completeOnTimeout(null, STOP_WAIT.toMillis(),
                        TimeUnit.MILLISECONDS);
        ended.thenCompose(x -> channel == null ? CompletableFuture.completedFuture(null)
                        : channel.stop().orTimeout(CHANNEL_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .handle((x, e) -> {
                    if (e != null) {
                        LOG.debug("taker channel stop: {}", e.toString());
                    }
                    return null;
                })
                .thenRunAsync(this::release, r -> new DefaultThreadFactory("taker-stop", true).newThread(r).start());
        return stopped;
    }

    private void release() {
        try {
            sessionThread.shutdownNow();
            listenerThread.shutdownNow();
            if (ownRuntime != null) {
                ownRuntime.close();
            }
        } finally {
            state.set(State.STOPPED);
            started.completeExceptionally(new IllegalStateException("the taker client was stopped"));
            stopped.complete(null);
        }
    }

    /** {@link #stop()}, waiting (bounded) until everything is released. */
    @Override
    public void close() {
        stop().completeOnTimeout(null, STOP_WAIT.plus(CHANNEL_STOP_WAIT).plusSeconds(5).toMillis(),
                TimeUnit.MILLISECONDS).join();
    }

    /** Why each directory's last attempt failed, by {@code host:port} (empty before start). */
    public Map<String, String> directoryFailures() {
        OnionMessageChannel ch = channel;
        return ch == null ? Map.of() : ch.directoryFailures();
    }
}
