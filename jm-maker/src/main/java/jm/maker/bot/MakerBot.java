package jm.maker.bot;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import jm.core.Nick;
import jm.core.crypto.NickKey;
import jm.core.limit.InboundShedder;
import jm.core.limit.InboundShedder.Lane;
import jm.core.wire.DirectoryHandshake;
import jm.core.wire.Features;
import jm.core.wire.Location;
import jm.core.wire.PubMsg;
import jm.core.wire.VerifiedPrivMsg;
import jm.maker.offer.MakerOffers;
import jm.net.channel.ChannelId;
import jm.net.channel.DirectServing;
import jm.net.channel.LanePump;
import jm.net.channel.MessageChannelConfig;
import jm.net.channel.MessageListener;
import jm.net.channel.OnionMessageChannel;
import jm.net.transport.NetRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running maker: one {@link MakerEngine} on a single serial thread, the onion message
 * channel (directories and our direct server), timers for housekeeping, wallet re-sync and
 * confirmation checks, and the nick state file. {@link #stop()} withdraws our offers
 * ({@code !cancel}), closes every connection and removes the onion service (DEL_ONION).
 */
public final class MakerBot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MakerBot.class);

    /**
     * How the bot runs.
     *
     * @param channel       directories, network name, Tor or local mode
     * @param serving       our direct server (local port or onion service)
     * @param tickInterval  session expiry, queued orderbook answers, due announcements
     * @param syncInterval  wallet re-sync, offer refresh, confirmation checks
     */
    public record Options(MessageChannelConfig channel, DirectServing serving, Duration tickInterval,
                          Duration syncInterval) {
        public Options {
            Objects.requireNonNull(channel);
            Objects.requireNonNull(serving);
            Objects.requireNonNull(tickInterval);
            Objects.requireNonNull(syncInterval);
        }
    }

    private final NickKey nickKey;
    private final MakerWallet wallet;
    private final ScheduledExecutorService thread;
    /** Receives the channel's callbacks: only sorts them into {@link #inbox}, never blocks on the engine. */
    private final ExecutorService intake;
    private final ExecutorService background;
    /** Work for the engine thread in lane order, one message per turn (see {@link InboundShedder}). */
    private final LanePump<Object> inbox;
    private volatile Set<Nick> verifiedTakers = Set.of();
    private final OnionMessageChannel channel;
    private final MakerEngine<ChannelId> engine;
    private final NickState nickState;
    /** Set once, by the first {@link #stop()}: the bot never runs again. */
    private final java.util.concurrent.atomic.AtomicReference<CompletableFuture<Void>> stopping =
            new java.util.concurrent.atomic.AtomicReference<>();

    private MakerBot(Options options, MakerSettings settings, MakerWallet wallet, MakerChain chain, NetRuntime runtime,
                     java.nio.file.Path dataDir, BondSource bonds, Clock clock, SecureRandom random) {
        this.nickKey = NickKey.random(random);
        this.wallet = wallet;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "maker-" + nickKey.nick()));
        this.intake = Executors.newSingleThreadExecutor(r -> daemon(r, "maker-intake-" + nickKey.nick()));
        this.background = Executors.newFixedThreadPool(1, r -> daemon(r, "maker-background"));
        this.nickState = new NickState(dataDir);
        MessageListener listener = new MessageListener() {
            @Override
            public void onPublic(ChannelId via, PubMsg message) {
                Lane lane = verifiedTakers.contains(message.from()) ? Lane.SESSION
                        : asksForOrderbook(message.body()) ? Lane.NEW : Lane.OTHER;
                inbox.offer(source(via, message.from()), lane, () -> engine().onPublic(via,
                        via instanceof ChannelId.Direct, message.from(), message.body()));
            }

            @Override
            public void onPrivate(ChannelId via, VerifiedPrivMsg message) {
                inbox.offer(source(via, message.from()), laneOf(message.from(), message.command()),
                        () -> engine().onPrivate(via, via instanceof ChannelId.Direct, message.from(),
                                message.command(), message.data()));
            }

            @Override
            public void onDirectoryUp(String directory, DirectoryHandshake handshake) {
                log.info("directory {} up", directory);
                guarded(thread).execute(() -> engine().announceOffers());
            }

            @Override
            public void onDirectoryRefused(String directory, String reason) {
                log.warn("{}", reason);
            }

            @Override
            public void onDirectoryDown(String directory) {
                if (stopping.get() == null) {
                    log.info("directory {} down, will retry", directory);
                }
            }
        };
        this.inbox = new LanePump<>(new InboundShedder<>(), guarded(thread),
                () -> verifiedTakers = Set.copyOf(engine().verifiedTakers()));
        this.channel = OnionMessageChannel.builder(withNeutrinoCompat(options.channel()), nickKey, runtime,
                        guarded(intake), listener)
                .serving(options.serving()).secureRandom(random)
                .prioritisedVerification((via, from, command) -> laneOf(from, command)).build();
        MessageChannelConfig hp2Config = options.channel();
        ChannelOutbox outbox = new ChannelOutbox(channel, () -> OnionMessageChannel.builder(hp2Config,
                NickKey.random(random), runtime, background, new MessageListener() { }).secureRandom(random).build(),
                background);
        CommitmentBlacklist blacklist = CommitmentBlacklist.open(dataDir.resolve("cmtdata").resolve("commitmentlist"));
        CoinJoinHistory history = new CoinJoinHistory(dataDir.resolve(CoinJoinHistory.FILE_NAME));
        this.engine = new MakerEngine<>(settings, wallet, chain, outbox, blacklist, history,
                n -> n.equals(nickKey.nick()) || nickState.ownNicks().contains(n),
                taker -> bonds.proof(taker, nickKey.nick()), clock, random);
    }

    /**
     * Our maker signals {@code neutrino_compat} in every handshake (directories pass it on in the
     * peer list {@code F:} field): it accepts extended UTXOs in {@code !auth} and answers them in
     * kind, and NG takers on the neutrino backend skip makers that do not signal it.
     */
    static MessageChannelConfig withNeutrinoCompat(MessageChannelConfig config) {
        Set<String> names = new TreeSet<>(config.features().names());
        names.add(Features.NEUTRINO_COMPAT);
        return config.withFeatures(new Features(names));
    }

    private MakerEngine<ChannelId> engine() {
        return engine;
    }

    /** Private commands that start new work for a taker nobody has verified yet: shed first under load. */
    private static final Set<String> NEW_WORK = Set.of("fill", "orderbook");

    /**
     * The lane of a private message, from its sender and command only (cheap: it runs before the
     * signature check too): takers whose commitment we verified first, new work last.
     */
    private Lane laneOf(Nick from, String command) {
        return verifiedTakers.contains(from) ? Lane.SESSION : NEW_WORK.contains(command) ? Lane.NEW : Lane.OTHER;
    }

    private static boolean asksForOrderbook(String body) {
        for (String part : body.split("!")) {
            String p = part.strip();
            if (p.equals("orderbook") || p.startsWith("orderbook ")) {
                return true;
            }
        }
        return false;
    }

    /** Who takes turns in the inbox: a direct connection, or a nick relayed by a directory. */
    private static Object source(ChannelId via, Nick from) {
        return via instanceof ChannelId.Direct ? via : from;
    }

    /**
     * Starts a maker: offers from the (already synced) wallet, the nick state file, the direct
     * server and the directory connections. Completes when the channel has started.
     */
    public static CompletableFuture<MakerBot> start(Options options, MakerSettings settings, MakerWallet wallet,
                                                    MakerChain chain, NetRuntime runtime, java.nio.file.Path dataDir,
                                                    Function<Nick, Optional<String>> bondProof, Clock clock,
                                                    SecureRandom random) {
        return start(options, settings, wallet, chain, runtime, dataDir, (taker, maker) -> bondProof.apply(taker),
                clock, random);
    }

    /** As above, with our bond proofs bound to our own (per-run) nick. */
    public static CompletableFuture<MakerBot> start(Options options, MakerSettings settings, MakerWallet wallet,
                                                    MakerChain chain, NetRuntime runtime, java.nio.file.Path dataDir,
                                                    BondSource bonds, Clock clock, SecureRandom random) {
        MakerBot bot = new MakerBot(options, settings, wallet, chain, runtime, dataDir, bonds, clock, random);
        return CompletableFuture.supplyAsync(() -> {
            bot.engine.refreshOffers(true);
            bot.nickState.writeMaker(bot.nickKey.nick());
            return bot;
        }, bot.thread).thenCompose(b -> b.channel.start()).thenApply(v -> {
            long tick = options.tickInterval().toMillis();
            long sync = options.syncInterval().toMillis();
            bot.thread.scheduleWithFixedDelay(bot::tick, tick, tick, TimeUnit.MILLISECONDS);
            bot.thread.scheduleWithFixedDelay(bot::resync, sync, sync, TimeUnit.MILLISECONDS);
            return bot;
        });
    }

    public Nick nick() {
        return nickKey.nick();
    }

    public Location location() {
        return channel.ownLocation();
    }

    public OnionMessageChannel channel() {
        return channel;
    }

    /** Current offers (read on the maker thread). */
    public MakerOffers offers() {
        return call(engine::offers);
    }

    /** Txids we signed since start. */
    public List<org.bitcoinj.base.Sha256Hash> signedTxids() {
        return call(engine::signedTxids);
    }

    /** Re-syncs the wallet and refreshes offers now (on the maker thread). */
    public CompletableFuture<Void> resyncNow() {
        return CompletableFuture.runAsync(this::resync, thread);
    }

    private void tick() {
        try {
            engine.tick();
            verifiedTakers = Set.copyOf(engine.verifiedTakers());
        } catch (RuntimeException e) {
            log.warn("tick failed: {}", e.toString());
        }
    }

    /** Messages waiting for the engine thread. */
    public int inboxSize() {
        return inbox.size();
    }

    /** {@code !orderbook} requests waiting for the global answer budget (read on the maker thread). */
    public int orderbookWaiting() {
        return call(engine::orderbookWaiting);
    }

    /** {@code !orderbook} requests that reached the global answer budget since start (read on the maker thread). */
    public long orderbookRequests() {
        return call(engine::orderbookRequests);
    }

    /** Live sessions (read on the maker thread). */
    public int sessionCount() {
        return call(engine::sessionCount);
    }

    /** Messages shed since start (overload): before their signature check, or waiting for the engine. */
    public long shedMessages() {
        return channel.shedBeforeVerification() + inbox.shed();
    }

    private void resync() {
        if (stopping.get() != null) {
            return;
        }
        try {
            wallet.sync();
            engine.refreshOffers(false);
            engine.checkConfirmations();
        } catch (RuntimeException e) {
            log.warn("wallet sync failed (will retry): {}", e.toString());
        }
    }

    /**
     * Withdraws offers, closes connections, removes the onion service and the nick file. Idempotent:
     * the first call stops the bot, every call returns the same future.
     */
    public CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!stopping.compareAndSet(null, done)) {
            return stopping.get();
        }
        CompletableFuture<Void> withdrawn = CompletableFuture.runAsync(engine::withdrawOffers, thread)
                .exceptionally(e -> null);
        withdrawn.thenCompose(v -> channel.stop()).whenComplete((v, e) -> {
            nickState.clearMaker();
            thread.shutdownNow();
            intake.shutdownNow();
            background.shutdownNow();
            if (e != null) {
                done.completeExceptionally(e);
            } else {
                done.complete(null);
            }
        });
        return done;
    }

    @Override
    public void close() {
        try {
            stop().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("stop: {}", e.toString());
        }
    }

    private <T> T call(java.util.concurrent.Callable<T> c) {
        try {
            if (thread.isShutdown()) {
                return c.call(); // stopped: nothing else touches the engine any more
            }
            return thread.submit(c).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("maker thread unavailable", e);
        }
    }

    private static java.util.concurrent.Executor guarded(ExecutorService ex) {
        return r -> {
            try {
                ex.execute(() -> {
                    try {
                        r.run();
                    } catch (RuntimeException e) {
                        log.warn("maker handler failed: {}", e.toString());
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // stopping
            }
        };
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
