package jm.demo.market;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import jm.chain.regtest.RegtestNode;
import jm.chain.rpc.BitcoinCoreBackend;
import jm.chain.rpc.RpcAuth;
import jm.chain.rpc.RpcConfig;
import jm.core.Network;
import jm.core.Nick;
import jm.core.Sats;
import jm.core.bond.TimeNumber;
import jm.core.crypto.NickKey;
import jm.demo.tor.DemoTor;
import jm.directory.config.DirectoryConfig;
import jm.directory.server.DirectoryServer;
import jm.directory.server.TimeSource;
import jm.maker.bot.ChainMakerAdapter;
import jm.maker.bot.MakerBot;
import jm.maker.bot.BondSource;
import jm.maker.bot.WalletBondProofs;
import jm.maker.bot.MakerSettings;
import jm.maker.bot.WalletMakerAdapter;
import jm.maker.offer.OfferConfig;
import jm.net.channel.DirectServing;
import jm.net.channel.MessageChannelConfig;
import jm.net.channel.OnionMessageChannel;
import jm.net.transport.Endpoint;
import jm.net.transport.NetRuntime;
import jm.net.tor.OnionService;
import jm.taker.adapter.WalletTakerAdapter;
import jm.taker.broadcast.BroadcastPolicy;
import jm.taker.client.CoinJoinHandle;
import jm.taker.client.DirectoryUnreachableException;
import jm.taker.client.TakerClient;
import jm.taker.podle.FileUsedCommitmentStore;
import jm.taker.session.CoinJoinReport;
import jm.taker.session.CoinJoinRequest;
import jm.taker.session.Phase;
import jm.taker.session.ProgressListener;
import jm.taker.session.TakerConfig;
import jm.taker.selection.SelectionPolicy;
import jm.wallet.BondSpender;
import jm.wallet.SendPlan;
import jm.wallet.Wallet;
import jm.wallet.bond.BondAddress;
import jm.wallet.WalletConfig;
import jm.wallet.WalletStorage;
import jm.wallet.coins.MergeAlgorithm;
import jm.wallet.keys.Branch;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.keys.WalletType;
import jm.wallet.store.AtomicFiles;
import jm.wallet.store.KdfParams;
import jm.wallet.store.Password;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole market in one JVM on 127.0.0.1: the embedded regtest node, a directory server,
 * {@link DemoConfig#makers()} maker bots (each with its own encrypted wallet funded in three
 * mixdepths) and a funded taker wallet. {@link #coinJoin} runs one taker CoinJoin with
 * jm-taker's session, over direct connections or directory relay only, mines a block once the
 * transaction is in the mempool and reports what happened. Everything is built from the same
 * public classes that {@code jm regtest-node start}, {@code jm directory start},
 * {@code jm maker start} and {@code jm taker coinjoin} use.
 */
public final class DemoMarket implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoMarket.class);
    /**
     * The network every peer of the demo announces: what a regtest wallet announces by default
     * (testnet), so {@code jm} commands pointed at a {@code --keep-running} market just work.
     */
    public static final String ANNOUNCED = Network.REGTEST.defaultAnnouncedName();
    /** The demo wallets' password (written to {@code <root>/demo-password.txt} for {@code jm wallet}). */
    public static final String WALLET_PASSWORD = "demo";
    /** Real scrypt-style parameters, cheap enough for a demo (never use them for real funds). */
    static final KdfParams DEMO_KDF = new KdfParams(1024, 1, 1);
    public static final String TAKER_WALLET = "taker";
    /** Taker funding: mixdepth 0 (two coins), 2 and 4 (two coins); every coin matures 6 blocks. */
    static final long[][] TAKER_COINS = {{3_000_000, 2_000_000}, {}, {3_000_000}, {}, {1_500_000, 1_000_000}};
    /** Maker funding per mixdepth (maker i adds i * 10,000 sats to mixdepth 0). */
    static final long[] MAKER_COINS = {4_000_000, 3_000_000, 2_500_000};
    /**
     * Maker 1's fidelity bond: this many sats in its wallet's bond address, locked until the next
     * first of the month on the node's (mock) clock, which the demo sets {@link #BOND_LEAD} before
     * it; proven to takers with {@code !tbond} (the other makers have none), so that bond-weighted
     * selection and the orderbook watcher have a bond to show, and spendable after a few blocks.
     */
    public static final long BOND_SATS = 2_000_000;
    /** How far ahead of the node's clock the demo bond's locktime lies: six 10-minute block intervals. */
    public static final Duration BOND_LEAD = Duration.ofMinutes(60);

    private final DemoConfig config;
    private final SecureRandom random = new SecureRandom();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<DemoMaker> makers = new ArrayList<>();
    private RegtestNode node;
    private DirectoryServer directory;
    private NetRuntime runtime;
    private MessageChannelConfig channelConfig;
    private Wallet taker;
    private BitcoinCoreBackend takerChain;
    private FileUsedCommitmentStore usedCommitments;
    private DemoTor tor;
    private OnionService directoryOnion;
    private MessageChannelConfig takerChannelConfig;
    private final Map<Nick, Duration> offerVisible = new LinkedHashMap<>();
    private DemoBond bond;

    private DemoMarket(DemoConfig config) {
        this.config = config;
    }

    /**
     * Starts the market and funds every wallet; returns once every maker is connected to the
     * directory with its offers. On failure everything started so far is closed.
     *
     * @param progress one line per step, for humans
     */
    public static DemoMarket start(DemoConfig config, MakerWalletHook hook, Consumer<String> progress)
            throws InterruptedException {
        DemoMarket m = new DemoMarket(config);
        try {
            m.startAll(hook, progress);
            return m;
        } catch (InterruptedException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    private void startAll(MakerWalletHook hook, Consumer<String> progress) throws InterruptedException {
        Path root = config.root();
        try {
            Files.createDirectories(root);
            AtomicFiles.writePrivate(passwordFile(), (WALLET_PASSWORD + "\n").getBytes(StandardCharsets.UTF_8), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + root, e);
        }
        if (config.tor()) {
            try {
                tor = DemoTor.start(root.resolve("tor"), random, progress);
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        node = RegtestNode.start(root.resolve("regtest-node"), 0);
        progress.accept("regtest node: RPC " + node.rpcUrl() + " (height " + node.height() + ")");
        // regtest time: the node's clock jumps forward to BOND_LEAD before the next month boundary, the
        // earliest locktime a bond can have, so that the demo bond expires a few blocks later
        long bondLocktime = bondLocktime(node.now());
        node.setMockTime(bondLocktime - BOND_LEAD.toSeconds());
        try {
            directory = DirectoryServer.start(DirectoryConfig.localDefaults(ANNOUNCED).localMode(!config.tor())
                    .dataDir(root.resolve("directory")).host("127.0.0.1").port(0).healthCheckPort(-1).build(),
                    NickKey.random(random).nick(), TimeSource.SYSTEM);
        } catch (Exception e) {
            throw new IllegalStateException("directory did not start: " + e.getMessage(), e);
        }
        runtime = NetRuntime.create(2, "jm-demo");
        if (tor == null) {
            progress.accept("directory: " + directoryHostPort() + " (local mode)");
            channelConfig = MessageChannelConfig.local(ANNOUNCED,
                    List.of(new Endpoint("127.0.0.1", directory.port())));
            takerChannelConfig = channelConfig;
        } else {
            try {
                directoryOnion = tor.publishDirectory(directoryKeyFile(),
                        new InetSocketAddress("127.0.0.1", directory.port()));
            } catch (IOException e) {
                throw new IllegalStateException("the directory's onion service: " + e.getMessage(), e);
            }
            // JMP-0005 as jm directory start does: clients sign for <onion>:<virtual port>
            directory.node().nickAuth(jm.directory.config.NickAuthMode.PREFER_VERIFIED,
                    jm.core.wire.NickAuth.directoryIdFor(directoryOnion.hostname(), directoryOnion.virtualPort()));
            progress.accept("directory: " + directoryOnion.locationString() + " (persistent onion service, key in "
                    + directoryKeyFile() + ", PoW defence on) -> 127.0.0.1:" + directory.port());
            List<Endpoint> dirs = List.of(new Endpoint(directoryOnion.hostname(), directoryOnion.virtualPort()));
            channelConfig = MessageChannelConfig.tor(ANNOUNCED, dirs, tor.makerSocks());
            takerChannelConfig = MessageChannelConfig.tor(ANNOUNCED, dirs, tor.takerSocks());
        }
        writeConfig();

        WalletStorage storage = WalletStorage.inDataDir(root);
        List<Wallet> makerWallets = new ArrayList<>();
        for (int i = 0; i < config.makers(); i++) {
            Wallet w = createWallet(storage, "maker" + (i + 1));
            for (int md = 0; md < MAKER_COINS.length; md++) {
                fund(w, md, MAKER_COINS[md] + (md == 0 ? i * 10_000L : 0));
            }
            makerWallets.add(w);
        }
        long bondCreatedAt = node.now();
        String bondAddress = makerWallets.get(0).bondAddress(TimeNumber.fromLocktime(bondLocktime)).address();
        node.fund(AddressParser.getDefault(BitcoinNetwork.REGTEST).parseAddress(bondAddress), Sats.of(BOND_SATS));
        taker = createWallet(storage, TAKER_WALLET);
        for (int md = 0; md < TAKER_COINS.length; md++) {
            for (long v : TAKER_COINS[md]) {
                fund(taker, md, v);
            }
        }
        node.mine(6, null);
        progress.accept("funded " + config.makers() + " maker wallets (mixdepths 0-2) and the taker wallet"
                + " (mixdepths 0, 2, 4); mined 6 blocks (height " + node.height() + ")");
        progress.accept(makerWallets.get(0).name() + " has a fidelity bond: " + BOND_SATS + " sats locked until "
                + java.time.Instant.ofEpochSecond(bondLocktime) + ", " + BOND_LEAD.toMinutes()
                + " minutes (6 block intervals) after the node's clock (" + java.time.Instant.ofEpochSecond(
                        bondCreatedAt) + ", regtest mock time)");

        OfferWatch watch = new OfferWatch(System::nanoTime);
        OnionMessageChannel watcher = tor == null ? null : OnionMessageChannel.builder(takerChannelConfig,
                NickKey.random(random), runtime, Runnable::run, watch).secureRandom(random).build();
        if (watcher != null) { // a taker's view through its own Tor, to time each offer's arrival
            closing.add(() -> watcher.stop().orTimeout(10, TimeUnit.SECONDS).exceptionally(x -> null).join());
            await(watcher.start(), "offer watcher start");
            await(watcher.awaitDirectory(), "offer watcher directory handshake over Tor");
        }
        List<Long> startedAt = new ArrayList<>();
        List<CompletableFuture<MakerBot>> starting = new ArrayList<>();
        List<AtomicReference<MakerBot>> refs = new ArrayList<>();
        List<BitcoinCoreBackend> chains = new ArrayList<>();
        for (int i = 0; i < config.makers(); i++) {
            Wallet w = makerWallets.get(i);
            BitcoinCoreBackend chain = backend(w.name());
            w.sync(chain);
            chains.add(chain);
            if (i == 0) {
                w.bondCoins().forEach((c, b) -> {
                    bond = new DemoBond(w.name(), c.outpoint(), c.sats(), b.locktime(), bondCreatedAt,
                            chain.confirmationTime(c.confirmations()), jm.core.bond.BondValue.value(c.sats(),
                                    chain.confirmationTime(c.confirmations()), b.locktime(), chain.tipMedianTime()));
                    progress.accept(w.name() + "'s bond " + c.outpoint() + ": " + c.sats() + " sats, confirmed "
                            + java.time.Instant.ofEpochSecond(bond.confirmationTime()) + ", value "
                            + String.format(java.util.Locale.ROOT, "%.4g", bond.value())
                            + " (the weight takers pick it by)");
                });
            }
            OfferConfig offers = OfferConfig.defaults().withFees(relativeFee(i), 0, txFeeContribution(i));
            MakerSettings settings = MakerSettings.defaults(ANNOUNCED).withOffers(offers)
                    .withReannounceDelayMax(Duration.ZERO);
            AtomicReference<MakerBot> ref = new AtomicReference<>();
            refs.add(ref);
            Path dataDir = root.resolve("makers").resolve(w.name());
            DirectServing serving = tor == null
                    ? new DirectServing.Local(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1")
                    : tor.makerServing(i);
            startedAt.add(System.nanoTime());
            starting.add(MakerBot.start(new MakerBot.Options(channelConfig, serving,
                            Duration.ofMillis(200), Duration.ofSeconds(5)),
                    settings, hook.wrap(i, new WalletMakerAdapter(w, chain, MergeAlgorithm.DEFAULT, random), ref::get),
                    new ChainMakerAdapter(chain), runtime, dataDir,
                    i == 0 ? new WalletBondProofs(w, chain, random) : BondSource.NONE,
                    Clock.systemUTC(), random));
        }
        for (int i = 0; i < config.makers(); i++) {
            MakerBot bot = await(starting.get(i), "maker" + (i + 1) + " start");
            refs.get(i).set(bot);
            makers.add(new DemoMaker(makerWallets.get(i).name(), makerWallets.get(i), chains.get(i), bot,
                    root.resolve("makers").resolve(makerWallets.get(i).name())));
        }
        for (DemoMaker m : makers) {
            await(m.bot().channel().awaitDirectory(), m.name() + " directory handshake" + (tor == null ? ""
                    : " over Tor"));
            progress.accept("maker " + m.name() + " " + m.nick() + " serving " + m.bot().location().toWire()
                    + ", offer " + m.bot().offers().offers().stream().findFirst().map(o -> o.toWire()).orElse("none"));
        }
        if (watcher != null) {
            Set<Nick> nicks = new HashSet<>();
            makers.forEach(m -> nicks.add(m.nick()));
            await(watch.awaitOffers(nicks), "every maker's offer reaching a taker over Tor");
            for (int i = 0; i < makers.size(); i++) {
                DemoMaker m = makers.get(i);
                long t0 = startedAt.get(i);
                watch.firstOfferAt(m.nick()).ifPresent(t -> offerVisible.put(m.nick(), Duration.ofNanos(t - t0)));
            }
            progress.accept("offers visible to a taker over Tor, from maker start: " + String.join(", ",
                    makers.stream().map(m -> m.name() + " " + seconds(offerVisible.get(m.nick()))).toList()));
            watcher.stop().orTimeout(10, TimeUnit.SECONDS).exceptionally(x -> null).join();
        }
        takerChain = backend(TAKER_WALLET);
        taker.sync(takerChain);
        try {
            usedCommitments = FileUsedCommitmentStore.open(root.resolve("taker")
                    .resolve("used-commitments-" + TAKER_WALLET + ".txt"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the taker's used-commitments file", e);
        }
        progress.accept("taker wallet synced: " + taker.balances().stream().filter(b -> b.total().value() > 0)
                .map(b -> "mixdepth " + b.mixdepth() + " " + b.total().value()).toList() + " sats");
    }

    /**
     * Writes {@code <root>/config.toml} so that {@code jm wallet}, {@code jm taker} and
     * {@code jm maker} with {@code --data-dir <root>} reach this market's node and directory.
     */
    private void writeConfig() {
        String toml = "# written by jm demo: every jm command run with --data-dir " + config.root()
                + " uses this market\n"
                + "[bitcoin]\n"
                + "rpc_url = \"" + node.rpcUrl() + "\"\n"
                + "rpc_cookie_file = \"" + tomlEscape(node.cookieFile().toAbsolutePath().toString()) + "\"\n"
                + "\n[network]\n"
                + "directory_servers = [\"" + directoryHostPort() + "\"]\n"
                + "\n[taker]\n"
                + "minimum_makers = " + Math.min(2, config.makers()) + "\n"
                + "# only maker1 has a fidelity bond and every demo maker charges a fee\n"
                + "bondless_require_zero_fee = false\n"
                + "order_wait_time = 3\n"
                + "maker_timeout_sec = 20\n"
                + "# nobody mines on its own: return after the broadcast, then run jm regtest mine 1\n"
                + "confirmation_timeout_sec = 0\n";
        if (tor != null) {
            toml += "\n# the demo's private Tor network (not the real one): the taker's Tor for SOCKS, the makers' Tor\n"
                    + "# for onion services (control port without authentication)\n"
                    + "[tor]\n"
                    + "socks_host = \"127.0.0.1\"\n"
                    + "socks_port = " + tor.takerTor().socks().getPort() + "\n"
                    + "control_host = \"127.0.0.1\"\n"
                    + "control_port = " + tor.makerTor().control().getPort() + "\n";
        }
        try {
            AtomicFiles.writePrivate(configFile(), toml.getBytes(StandardCharsets.UTF_8), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + configFile(), e);
        }
    }

    private static String seconds(Duration d) {
        return d == null ? "?" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String tomlEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** {@code <root>/config.toml}, pointing jm commands at this market. */
    public Path configFile() {
        return config.root().resolve("config.toml");
    }

    /** Maker i's relative fee: 0.0002 + (i mod 8) x 0.00005 (within the taker's default 0.001 limit). */
    public static java.math.BigDecimal relativeFee(int makerIndex) {
        return new java.math.BigDecimal("0.0002").add(new java.math.BigDecimal("0.00005")
                .multiply(java.math.BigDecimal.valueOf(makerIndex % 8)));
    }

    /** Maker i's contribution to the mining fee: 100 + (i mod 8) x 50 sats. */
    public static long txFeeContribution(int makerIndex) {
        return 100 + 50L * (makerIndex % 8);
    }

    private static <T> T await(CompletableFuture<T> f, String what) throws InterruptedException {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not complete in 60 s", e);
        }
    }

    private Wallet createWallet(WalletStorage storage, String name) {
        try (Password pw = Password.of(WALLET_PASSWORD)) {
            return Wallet.create(storage, name, Mnemonic.generate(random, 12), Passphrase.NONE, false, pw,
                    new WalletConfig(Network.REGTEST, WalletType.P2WPKH, WalletConfig.DEFAULT_MIXDEPTHS,
                            WalletConfig.DEFAULT_GAP_LIMIT), DEMO_KDF, random, Clock.systemUTC(), 0);
        }
    }

    private void fund(Wallet w, int mixdepth, long sats) {
        String a = w.freshAddress(mixdepth, Branch.EXTERNAL).address();
        node.fund(AddressParser.getDefault(BitcoinNetwork.REGTEST).parseAddress(a), Sats.of(sats));
    }

    private BitcoinCoreBackend backend(String walletName) {
        BitcoinCoreBackend b = new BitcoinCoreBackend(new RpcConfig(node.rpcUrl(),
                new RpcAuth.CookieFile(node.cookieFile()), rpcWalletName(walletName), Duration.ofSeconds(30)));
        closing.add(b);
        return b;
    }

    /**
     * The demo bond's locktime: the first first-of-the-month (UTC) at least {@link #BOND_LEAD}
     * after {@code nodeTime}, so that the node's clock only ever moves forward.
     */
    static long bondLocktime(long nodeTime) {
        return nextMonthStart(nodeTime + BOND_LEAD.toSeconds());
    }

    /** The first 00:00 UTC on the 1st of a month strictly after {@code epochSeconds}. */
    static long nextMonthStart(long epochSeconds) {
        java.time.YearMonth month = java.time.YearMonth.from(java.time.Instant.ofEpochSecond(epochSeconds)
                .atZone(java.time.ZoneOffset.UTC)).plusMonths(1);
        return month.atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond();
    }

    /**
     * Proves the bond's spend path once the CoinJoins are done: mines until the tip's median time
     * past is past maker 1's bond locktime (the node's clock set just after it), then spends the
     * expired bond with the wallet's {@link BondSpender} (nLockTime = locktime, non-final
     * sequence, the freeze script as witness) into a new bond of the same wallet locked until the
     * next month boundary, so a market kept running still shows a bond, and mines it.
     */
    public BondSpend spendExpiredBond() throws InterruptedException {
        if (bond == null) {
            throw new IllegalStateException("maker 1 has no bond to spend");
        }
        DemoMaker maker = makers.get(0);
        Wallet w = maker.wallet();
        BitcoinCoreBackend chain = maker.chain();
        int mined = node.advanceMedianTimePast(bond.locktime() + 1);
        long mtp = chain.tipMedianTime();
        BondAddress next = w.bondAddress(TimeNumber.fromLocktime(nextMonthStart(mtp)));
        awaitResync(maker); // the maker's own sync: the node now watches the new bond address too
        SendPlan plan = new BondSpender(w).spend(bond.outpoint(), next.address(), 2, mtp);
        Sha256Hash txid = w.broadcast(chain, plan.transaction());
        node.mine(1, null);
        int confirmations = chain.getConfirmations(txid).orElse(0);
        resyncAll();
        return new BondSpend(bond, mined, mtp, txid.toString(), plan.transaction().getLockTime(),
                plan.transaction().getInput(0).getSequenceNumber(), plan.amount().value(), next.locktime(),
                confirmations, node.height());
    }

    private static void awaitResync(DemoMaker m) throws InterruptedException {
        try {
            m.bot().resyncNow().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(m.name() + "'s wallet sync failed: " + e, e);
        }
    }

    /** Maker 1's fidelity bond as funded at start-up. */
    public Optional<DemoBond> bond() {
        return Optional.ofNullable(bond);
    }

    /** The node wallet name the CLI uses for a jm wallet ({@code jm-<name>}). */
    public static String rpcWalletName(String walletName) {
        return "jm-" + walletName;
    }

    // ------------------------------------------------------------------ one CoinJoin

    /** The taker settings the demo uses: every maker asked, tight loopback timeouts. */
    public TakerConfig takerConfig() {
        TakerConfig defaults = TakerConfig.defaults(Network.REGTEST);
        SelectionPolicy s = defaults.selection();
        // only maker 1 has a bond and every demo maker charges a fee: NG's bondless_require_zero_fee
        // would leave the taker maker 1 alone, so the demo allows bondless makers that charge
        return defaults.withSelection(new SelectionPolicy(s.algorithm(), s.feeLimits(), s.bondlessAllowance(), false))
                .withMinimumMakers(Math.min(2, config.makers()))
                .withBroadcast(BroadcastPolicy.RANDOM_PEER)
                .withTimeouts(config.orderWaitCap(), config.makerTimeout(), Duration.ofSeconds(20),
                        Duration.ofSeconds(60));
    }

    /**
     * Runs one CoinJoin as the taker: a fresh nick and channel, jm-taker's session, a block mined
     * as soon as the transaction reaches the mempool, the report once it has confirmed.
     *
     * @param progress per-phase progress from the session (called on the session thread)
     */
    public CoinJoinRun coinJoin(Route route, CoinJoinRequest request, TakerConfig takerConfig,
            ProgressListener progress) throws InterruptedException {
        return coinJoin(route, request, takerConfig, progress, takerChannelConfig, DIRECTORY_WAIT);
    }

    /** How long a taker waits for its first directory handshake. */
    public static final Duration DIRECTORY_WAIT = Duration.ofSeconds(60);

    /**
     * {@link #coinJoin(Route, CoinJoinRequest, TakerConfig, ProgressListener)} with the taker's
     * channel settings and directory wait given (tests: an unreachable directory, a SOCKS proxy
     * that hangs). If no directory accepts the taker within {@code directoryWait} it throws
     * {@link IllegalStateException} saying why each directory could not be reached; no coin is
     * reserved by then.
     */
    public CoinJoinRun coinJoin(Route route, CoinJoinRequest request, TakerConfig takerConfig,
            ProgressListener progress, MessageChannelConfig takerChannel, Duration directoryWait)
            throws InterruptedException {
        long started = System.nanoTime();
        Set<Nick> expected = new HashSet<>();
        for (DemoMaker m : makers) {
            if (m.bot().channel().state() == OnionMessageChannel.State.RUNNING
                    && !m.bot().offers().offers().isEmpty()) {
                expected.add(m.nick());
            }
        }
        OrderbookQuorum quorum = new OrderbookQuorum(expected);
        MessageChannelConfig mcc = route == Route.DIRECT ? takerChannel : relayOnly(takerChannel);
        TakerClient client = new TakerClient(TakerClient.Settings.of(mcc).withDirectoryWait(directoryWait)
                .withDirectConnections(route == Route.DIRECT, route == Route.DIRECT), new WalletTakerAdapter(taker),
                takerChain, usedCommitments, runtime, random, Clock.systemUTC());
        try {
            try {
                client.start().get();
            } catch (ExecutionException e) {
                Map<String, String> why = e.getCause() instanceof DirectoryUnreachableException u ? u.reasons()
                        : client.directoryFailures();
                throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                        "the taker reached no directory in %d s%s: %s", directoryWait.toSeconds(),
                        mcc.socks().isPresent() ? " over Tor" : "", mcc.directories().stream()
                                .map(d -> d + " (" + why.getOrDefault(d.toString(), "no handshake") + ")")
                                .collect(java.util.stream.Collectors.joining("; "))), e.getCause());
            }
            taker.sync(takerChain);
            CompletableFuture<Void> inMempool = new CompletableFuture<>();
            AtomicReference<Long> fillAt = new AtomicReference<>();
            AtomicReference<Long> broadcastAt = new AtomicReference<>();
            CoinJoinHandle handle = client.coinJoin(request, takerConfig, new ProgressListener() {
                @Override
                public void onProgress(Phase phase, String msg) {
                    if (phase == Phase.FILL) {
                        fillAt.compareAndSet(null, System.nanoTime());
                    }
                    if (phase == Phase.CONFIRMATION) {
                        broadcastAt.compareAndSet(null, System.nanoTime());
                        inMempool.complete(null);
                    }
                    progress.onProgress(phase, msg);
                }

                @Override
                public void onOffer(Nick maker) {
                    quorum.offerFrom(maker);
                }
            });
            CompletableFuture<CoinJoinReport> done = handle.result();
            quorum.onQuorum(handle::endOrderbookWait);
            Duration budget = takerConfig.orderWaitTime().plus(takerConfig.makerTimeout().multipliedBy(8))
                    .plus(Duration.ofSeconds(30));
            try {
                CompletableFuture.anyOf(inMempool, done).get(budget.toMillis(), TimeUnit.MILLISECONDS);
                if (inMempool.isDone() && !done.isDone()) {
                    node.mine(1, null);
                }
                CoinJoinReport report = done.get(takerConfig.confirmationTimeout().toSeconds() + 10, TimeUnit.SECONDS);
                return finish(route, report, handle.reachedDirectly(), started, between(fillAt, broadcastAt));
            } catch (ExecutionException | TimeoutException e) {
                handle.cancel("demo time budget exceeded");
                CoinJoinReport report = done.completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
                if (report == null) {
                    throw new IllegalStateException("the taker session did not finish", e);
                }
                return finish(route, report, handle.reachedDirectly(), started, between(fillAt, broadcastAt));
            }
        } finally {
            client.stop().completeOnTimeout(null, 30, TimeUnit.SECONDS).join();
        }
    }

    private static Optional<Duration> between(AtomicReference<Long> from, AtomicReference<Long> to) {
        Long a = from.get();
        Long b = to.get();
        return a == null || b == null ? Optional.empty() : Optional.of(Duration.ofNanos(b - a));
    }

    private CoinJoinRun finish(Route route, CoinJoinReport report, Set<Nick> direct, long started,
            Optional<Duration> fillToBroadcast) throws InterruptedException {
        Optional<Transaction> tx = Optional.empty();
        int confirmations = 0;
        if (report.txid().isPresent() && report.success()) {
            Sha256Hash txid = report.txid().get();
            tx = takerChain.getRawTransaction(txid).map(raw -> Transaction.read(ByteBuffer.wrap(raw)));
            confirmations = takerChain.getConfirmations(txid).orElse(0);
        }
        resyncAll();
        return new CoinJoinRun(route, report, direct, tx, confirmations,
                Duration.ofNanos(System.nanoTime() - started), fillToBroadcast);
    }

    /** Re-reads every wallet from the chain (makers on their own threads). */
    public void resyncAll() throws InterruptedException {
        List<CompletableFuture<Void>> syncs = new ArrayList<>();
        for (DemoMaker m : makers) {
            if (m.bot().channel().state() == OnionMessageChannel.State.RUNNING) {
                syncs.add(m.bot().resyncNow());
            }
        }
        taker.sync(takerChain);
        for (CompletableFuture<Void> s : syncs) {
            try {
                s.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("maker re-sync failed: {}", e.toString());
            }
        }
    }

    private static MessageChannelConfig relayOnly(MessageChannelConfig c) {
        return new MessageChannelConfig(c.network(), c.directories(), c.features(), c.socks(), c.connectTimeout(),
                c.reconnect(), c.limits(), c.requestPeerlist(), false, c.maxNicksPerDirectory(),
                c.directIdleTimeout());
    }

    // ------------------------------------------------------------------ accessors

    public DemoConfig config() {
        return config;
    }

    public List<DemoMaker> makers() {
        return List.copyOf(makers);
    }

    public Wallet takerWallet() {
        return taker;
    }

    /**
     * Releases the taker wallet's lock, so that {@code jm taker coinjoin} and {@code jm wallet}
     * commands (other processes) may use it while the market keeps running. The demo writes
     * nothing to that wallet afterwards; {@link #takerWallet()} still answers from memory.
     */
    public void handOverTakerWallet() {
        taker.close();
    }

    public BitcoinCoreBackend takerChain() {
        return takerChain;
    }

    public RegtestNode node() {
        return node;
    }

    public URI rpcUrl() {
        return node.rpcUrl();
    }

    public Path cookieFile() {
        return node.cookieFile();
    }

    /** The directory's location as peers dial it: {@code <onion>:5222} over Tor, else {@code 127.0.0.1:<port>}. */
    public String directoryHostPort() {
        return directoryOnion != null ? directoryOnion.locationString() : "127.0.0.1:" + directory.port();
    }

    /** The private Tor network and its clients ({@code --tor}), else empty. */
    public Optional<DemoTor> tor() {
        return Optional.ofNullable(tor);
    }

    /** {@code <root>/directory/onion_service_key}: the directory's onion key in Tor mode. */
    public Path directoryKeyFile() {
        return config.root().resolve("directory").resolve("onion_service_key");
    }

    /**
     * Tor mode: for each maker, the time from its start to its first offer arriving at a taker
     * that listens through its own Tor (empty in local mode).
     */
    public Map<Nick, Duration> offerVisible() {
        return Map.copyOf(offerVisible);
    }

    /** The taker's channel settings (Tor mode: its own Tor's SOCKS port). */
    public MessageChannelConfig takerChannelConfig() {
        return takerChannelConfig;
    }

    public Path root() {
        return config.root();
    }

    /** The file holding the demo wallets' password ({@code jm wallet --password-file}). */
    public Path passwordFile() {
        return config.root().resolve("demo-password.txt");
    }

    /** Mines {@code blocks} blocks to the node's faucet. */
    public List<Sha256Hash> mine(int blocks) {
        return node.mine(blocks, null);
    }

    /** A regtest address parser for callers. */
    public static Address parseAddress(String a) {
        return AddressParser.getDefault(BitcoinNetwork.REGTEST).parseAddress(a);
    }

    /** Stops the makers (withdrawing their offers), the directory and the node. Idempotent. */
    @Override
    public synchronized void close() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (DemoMaker m : makers) {
            stops.add(m.bot().stop().exceptionally(e -> null));
        }
        for (CompletableFuture<Void> s : stops) {
            s.completeOnTimeout(null, 15, TimeUnit.SECONDS).join();
        }
        makers.clear();
        closeQuietly(directory);
        directory = null;
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
        closing.forEach(DemoMarket::closeQuietly);
        closing.clear();
        closeQuietly(node);
        node = null;
        closeQuietly(tor);
        tor = null;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("close: {}", e.toString());
        }
    }
}
