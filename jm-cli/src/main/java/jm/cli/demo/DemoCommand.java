package jm.cli.demo;

import jm.cli.common.CommandRun;
import jm.cli.common.ConfigException;
import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import jm.chain.ChainBackend;
import jm.core.Network;
import jm.orderbook.app.Obwatch;
import jm.orderbook.watch.WatchService;
import jm.orderbook.web.ObwatchHttpServer;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import jm.daemon.DaemonServer;
import jm.demo.market.DemoConfig;
import jm.demo.market.DemoMaker;
import jm.demo.market.DemoMarket;
import jm.demo.market.MakerWalletHook;
import jm.demo.scenario.CoinJoinResult;
import jm.demo.scenario.DemoScenario;
import jm.demo.scenario.DemoSummary;
import jm.demo.scenario.MakerShare;
import jm.demo.tor.DemoTor;
import org.slf4j.LoggerFactory;
import jm.cli.common.CliContext;
import jm.cli.common.ShutdownHook;
import jm.cli.common.CliFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jm demo}: starts the whole market on 127.0.0.1 (embedded regtest node, directory, makers,
 * taker), runs a CoinJoin over direct connections, one relayed through the directory and a sweep,
 * prints each as it happens and exits 0 only if all three confirmed and passed their checks.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole market locally and watch three real CoinJoins.",
                "Starts an embedded regtest Bitcoin node, a directory, --makers makers with funded wallets and a"
                        + " taker, all on 127.0.0.1 (needs nothing but a JDK), then runs a CoinJoin over direct"
                        + " connections, one relayed through the directory and a sweep. Exit code 0 only if all three"
                        + " confirm.",
                "With --tor the same market runs over a private Tor network that the demo starts on 127.0.0.1"
                        + " (Debian's tor: 3 authorities, 3 relays, 2 clients; a test network, never for real funds):"
                        + " the directory on a persistent onion service, each maker on an ephemeral onion with"
                        + " proof-of-work defence, taker and makers connecting only through SOCKS."})
public final class DemoCommand implements Callable<Integer>, CliFactory.ContextAware {
    static final ObjectMapper JSON = new ObjectMapper();
    private CliContext context = CliContext.system();

    /** What {@code --keep-running} hands to {@link CliContext#started}: the market and its orderbook page. */
    public record KeptRunning(DemoMarket market, java.net.URI watcherUrl, Optional<String> daemonUrl) {
    }

    @Spec
    CommandSpec spec;

    @Override
    public void useContext(CliContext invocation) {
        this.context = invocation;
    }

    @Option(names = "--makers", paramLabel = "N", defaultValue = "3",
            description = "Number of makers (1.." + DemoConfig.MAX_MAKERS + ", default ${DEFAULT-VALUE}).")
    int makers;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the demo's state in DIR/demo/<time> (default: a temporary directory,"
                    + " deleted at the end unless --keep-running).")
    Path dataDir;

    @Option(names = "--keep-running",
            description = "Leave the market up after the CoinJoins, with the orderbook watcher (jm obwatch) on"
                    + " it, and print how to point jm wallet / jm taker at it and where the orderbook page is.")
    boolean keepRunning;

    @picocli.CommandLine.Mixin
    DemoDaemon.Options daemon;

    @Option(names = "--json", description = "Print a JSON summary on stdout (progress goes to stderr).")
    boolean json;

    @Option(names = "--tor", description = "Run the market over a private Tor network started by the demo (needs"
            + " tor and tor-gencert: apt-get install tor). Adds about 20-60 s of Tor bootstrap.")
    boolean tor;

    @Override
    public Integer call() {
        return CommandRun.run(spec, this::execute);
    }

    private int execute(PrintWriter out, PrintWriter err) throws InterruptedException {
        if (makers < 1 || makers > DemoConfig.MAX_MAKERS) {
            throw new ConfigException("--makers must be 1.." + DemoConfig.MAX_MAKERS);
        }
        if (daemon.enabled && (!keepRunning || tor)) {
            throw new ConfigException(tor ? "--daemon does not run over --tor yet (start jm daemon with --data-dir"
                    + " <the demo's directory> instead)" : "--daemon needs --keep-running");
        }
        if (daemon.port < 0 || daemon.port > 65_535) {
            throw new ConfigException("--daemon-port must be 0..65535");
        }
        if (tor) {
            for (String binary : java.util.List.of("tor", "tor-gencert")) {
                if (context.binary(binary).isEmpty()) {
                    err.println("error: jm demo --tor needs Tor, but " + binary + " is not installed"
                            + " (on Debian/Ubuntu: apt-get install tor, which also ships tor-gencert)");
                    return 1;
                }
            }
        }
        quietLogs();
        long t0 = System.nanoTime();
        PrintWriter progress = json ? err : out;
        Path root;
        boolean temporary = dataDir == null;
        try {
            root = temporary ? Files.createTempDirectory("jm-demo-")
                    : dataDir.toAbsolutePath().resolve("demo").resolve(
                            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now(ZoneOffset.UTC)));
            Files.createDirectories(root);
        } catch (IOException | RuntimeException e) {
            err.println("error: cannot create the demo directory: " + e.getMessage());
            return 1;
        }
        progress.println("jm demo: " + makers + " makers" + (tor ? " over a private Tor network (test network on"
                + " 127.0.0.1 only, never for real funds)" : "") + ", state in " + root);
        progress.flush();
        DemoMarket market;
        try {
            market = DemoMarket.start(DemoConfig.of(root, makers).withTor(tor), MakerWalletHook.NONE, line -> say(progress, line));
        } catch (RuntimeException e) {
            err.println("error: the demo market did not start: " + e.getMessage());
            if (temporary) {
                deleteQuietly(root);
            }
            return 1;
        }
        DemoSummary summary;
        CountDownLatch done = context.stopLatch();
        Path stateDir = root;
        // Ctrl-C at any point: stop the market, drop a temporary directory
        ShutdownHook hook = ShutdownHook.install("demo-shutdown", () -> {
            market.close();
            if (temporary && !keepRunning) {
                deleteQuietly(stateDir);
            }
            done.countDown();
        });
        try {
            Duration startup = Duration.ofNanos(System.nanoTime() - t0);
            say(progress, String.format(java.util.Locale.ROOT, "market up in %.1f s", startup.toMillis() / 1000.0));
            summary = new DemoScenario(market, line -> say(progress, line)).runStandard(startup);
            say(progress, "");
            say(progress, String.format(java.util.Locale.ROOT, "%s: %d of %d CoinJoins confirmed in %.1f s",
                    summary.success() ? "SUCCESS" : "FAILED",
                    summary.coinJoins().stream().filter(CoinJoinResult::success).count(), DemoSummary.COINJOINS,
                    summary.elapsed().toMillis() / 1000.0));
            summary.bondSpend().ifPresent(b -> say(progress, "bond spent after expiry: " + b.txid() + " ("
                    + b.bond().maker() + "'s " + b.bond().sats() + " sats locked until "
                    + java.time.Instant.ofEpochSecond(b.bond().locktime()) + ", " + b.confirmations()
                    + " confirmation(s))"));
            summary.problems().forEach(p -> say(progress, "problem: " + p));
            market.tor().ifPresent(t -> torFigures(progress, market, t, summary));
            if (json) {
                out.println(toJson(summary, market).toString());
                out.flush();
            }
            if (keepRunning) {
                keepRunning(progress, market, done);
            }
        } finally {
            hook.close();
            market.close();
            if (temporary && !keepRunning) {
                deleteQuietly(root);
            }
        }
        return summary.success() ? 0 : 1;
    }

    private static void say(PrintWriter p, String line) {
        synchronized (p) {
            p.println(line);
            p.flush();
        }
    }

    private void keepRunning(PrintWriter p, DemoMarket market, CountDownLatch done) throws InterruptedException {
        market.handOverTakerWallet();
        try (Obwatch obwatch = startWatcher(market); DaemonServer server = daemon.enabled ? startDaemon(market, obwatch)
                : null) {
            printInstructions(p, market, obwatch);
            if (server != null) {
                printJam(p, market, server);
            }
            context.started(new KeptRunning(market, obwatch.url(), Optional.ofNullable(server).map(DaemonServer::url)));
            done.await();
        }
    }

    private DaemonServer startDaemon(DemoMarket market, Obwatch obwatch) throws InterruptedException {
        try {
            return DemoDaemon.start(market, obwatch.watch(), daemon.port, !daemon.noTls);
        } catch (IOException e) {
            throw new ConfigException("cannot create the daemon's TLS certificate: " + e.getMessage());
        }
    }

    private static void printJam(PrintWriter p, DemoMarket market, DaemonServer server) {
        say(p, "  wallet daemon: " + server.url() + "  (WebSocket /jmws, and port " + server.wsPort()
                + "; as jm daemon)");
        boolean defaults = server.port() == DaemonServer.DEFAULT_PORT && server.wsPort() == DemoDaemon.WS_PORT;
        say(p, "Point Jam at it: from source, `npm start` in jam/ proxies /api/ to https://localhost:28183 and /jmws"
                + " to :28283" + (defaults ? "" : " (set JMWALLETD_API_PORT=" + server.port()
                + " JMWALLETD_WEBSOCKET_PORT=" + server.wsPort() + ")") + ", and /obwatch/ to :62601 (the watcher"
                + " above). In Jam unlock " + DemoMarket.TAKER_WALLET + ".jmdat (password \""
                + DemoMarket.WALLET_PASSWORD + "\") or create a wallet and fund it with jm regtest.");
    }

    private static void printInstructions(PrintWriter p, DemoMarket market, Obwatch obwatch) {
        Path root = market.root();
        String jm = "./jm";
        String pw = " --password-file " + market.passwordFile();
        say(p, "");
        say(p, "The market keeps running; press Ctrl-C to stop it. Everything lives in " + root + ":");
        say(p, "  Bitcoin RPC:   " + market.rpcUrl() + "  cookie " + market.cookieFile()
                + "  (node wallets jm-<wallet>)");
        say(p, "  directory:     " + market.directoryHostPort() + (market.tor().isPresent()
                ? " (onion service of the private Tor network)" : " (local mode, plain TCP)"));
        market.tor().ifPresent(t -> {
            say(p, "  taker's Tor:   SOCKS " + hostPort(t.takerTor().socks()) + ", control port "
                    + hostPort(t.takerTor().control()) + " (no authentication; [tor] in the config)");
            say(p, "  makers' Tor:   SOCKS " + hostPort(t.makerTor().socks()) + ", control port "
                    + hostPort(t.makerTor().control()) + " (jm maker start --socks5 / --tor-control)");
        });
        say(p, "  wallets:       " + String.join(", ", market.makers().stream().map(DemoMaker::name).toList())
                + ", " + DemoMarket.TAKER_WALLET + " in " + root.resolve("wallets") + " (password \""
                + DemoMarket.WALLET_PASSWORD + "\", also in " + market.passwordFile() + ")");
        say(p, "  makers:        " + String.join(", ", market.makers().stream()
                .map(m -> m.name() + " " + m.nick() + " at " + m.bot().location().toWire()).toList()));
        say(p, "  config:        " + market.configFile() + " ([bitcoin] rpc_url and rpc_cookie_file,"
                + " [network] directory_servers, [taker] minimum_makers)");
        say(p, "  orderbook:     " + obwatch.url() + " (the orderbook watcher, as jm obwatch; JSON at "
                + obwatch.url().resolve("orderbook.json") + ")");
        say(p, "Try, in another terminal:");
        say(p, "  " + jm + " wallet info --data-dir " + root + " -w " + DemoMarket.TAKER_WALLET + pw);
        say(p, "  " + jm + " regtest mine 5 --data-dir " + root + " --rpc-url " + market.rpcUrl());
        say(p, "  " + jm + " taker coinjoin --data-dir " + root + " -w " + DemoMarket.TAKER_WALLET + pw
                + " --amount 1000000 -m 1 -N " + Math.min(2, market.makers().size()) + " -y");
        say(p, "  " + jm + " regtest mine 1 --data-dir " + root + " --rpc-url " + market.rpcUrl()
                + "   (confirms it; the demo node mines only when asked)");
    }

    /**
     * The orderbook watcher on the demo market: the reference's port if free, else any free port;
     * bonds verified against the demo node.
     */
    static Obwatch startWatcher(DemoMarket market) {
        // the taker's view: plain TCP on loopback, or (--tor) the taker's Tor and the directory's onion
        WatchService.Options options = new WatchService.Options(market.takerChannelConfig(), Network.REGTEST,
                Duration.ofSeconds(60));
        Optional<ChainBackend> chain = Optional.of(market.takerChain());
        try {
            return Obwatch.start(options, new InetSocketAddress("127.0.0.1", ObwatchHttpServer.DEFAULT_PORT), chain,
                    Clock.systemUTC());
        } catch (UncheckedIOException e) { // 62601 taken (another watcher?): any free port will do
            return Obwatch.start(options, new InetSocketAddress("127.0.0.1", 0), chain, Clock.systemUTC());
        }
    }

    private static String hostPort(java.net.InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    private static void torFigures(PrintWriter p, DemoMarket market, DemoTor t, DemoSummary s) {
        say(p, String.format(java.util.Locale.ROOT, "Tor: network bootstrap %.1f s; offer visible to a taker %s after"
                + " maker start; !fill to broadcast %s", t.network().bootstrapTime().toMillis() / 1000.0,
                String.join(", ", market.makers().stream().map(m -> m.name() + " " + seconds(
                        market.offerVisible().get(m.nick()))).toList()),
                String.join(", ", s.coinJoins().stream().map(r -> r.route().name().toLowerCase(java.util.Locale.ROOT)
                        + (r.sweep() ? " sweep" : "") + " " + seconds(r.fillToBroadcast().orElse(null))).toList())));
    }

    private static String seconds(Duration d) {
        return d == null ? "?" : String.format(java.util.Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }

    static ObjectNode toJson(DemoSummary s, DemoMarket market) {
        ObjectNode o = JSON.createObjectNode();
        o.put("success", s.success());
        o.put("startup_ms", s.startup().toMillis());
        o.put("elapsed_ms", s.elapsed().toMillis());
        o.put("data_dir", market.root().toString());
        o.put("rpc_url", market.rpcUrl().toString());
        o.put("rpc_cookie_file", market.cookieFile().toString());
        o.put("directory", market.directoryHostPort());
        market.tor().ifPresent(t -> {
            ObjectNode tor = o.putObject("tor");
            tor.put("bootstrap_ms", t.network().bootstrapTime().toMillis());
            tor.put("taker_socks", hostPort(t.takerTor().socks()));
            tor.put("taker_control", hostPort(t.takerTor().control()));
            tor.put("maker_socks", hostPort(t.makerTor().socks()));
            tor.put("maker_control", hostPort(t.makerTor().control()));
        });
        ArrayNode makers = o.putArray("makers");
        for (DemoMaker m : market.makers()) {
            ObjectNode mo = makers.addObject().put("name", m.name()).put("nick", m.nick().value())
                    .put("location", m.bot().location().toWire());
            Duration visible = market.offerVisible().get(m.nick());
            if (visible != null) {
                mo.put("offer_visible_ms", visible.toMillis());
            }
        }
        ArrayNode cjs = o.putArray("coinjoins");
        for (CoinJoinResult r : s.coinJoins()) {
            ObjectNode c = cjs.addObject();
            c.put("title", r.title());
            c.put("route", r.route().name().toLowerCase(java.util.Locale.ROOT));
            c.put("sweep", r.sweep());
            c.put("success", r.success());
            r.txid().ifPresent(t -> c.put("txid", t));
            c.put("amount", r.equalAmount());
            c.put("equal_outputs", r.equalOutputs());
            c.put("mining_fee", r.miningFee());
            c.put("confirmations", r.confirmations());
            c.put("block_height", r.blockHeight());
            c.put("attempts", r.attempts());
            c.put("elapsed_ms", r.elapsed().toMillis());
            r.fillToBroadcast().ifPresent(d -> c.put("fill_to_broadcast_ms", d.toMillis()));
            ArrayNode ms = c.putArray("makers");
            for (MakerShare m : r.makers()) {
                ms.addObject().put("name", m.name()).put("nick", m.nick()).put("cj_fee", m.cjFee())
                        .put("tx_fee", m.txFee()).put("earned", m.expectedChange())
                        .put("balance_change", m.balanceChange()).put("direct", m.direct());
            }
            ObjectNode dropped = c.putObject("dropped_makers");
            r.dropped().forEach(dropped::put);
            ArrayNode problems = c.putArray("problems");
            r.problems().forEach(problems::add);
        }
        market.bond().ifPresent(b -> o.putObject("bond").put("maker", b.maker()).put("utxo", b.outpoint().toWire())
                .put("amount", b.sats()).put("locktime", b.locktime()).put("created_at", b.createdAt())
                .put("confirmation_time", b.confirmationTime()).put("value", b.value()));
        s.bondSpend().ifPresent(b -> o.putObject("bond_spend").put("txid", b.txid()).put("locktime", b.lockTime())
                .put("median_time_past", b.medianTimePast()).put("blocks_mined", b.blocksMined())
                .put("amount", b.amount()).put("new_bond_locktime", b.newLocktime())
                .put("confirmations", b.confirmations()).put("block_height", b.blockHeight()));
        ArrayNode problems = o.putArray("problems");
        s.problems().forEach(problems::add);
        return o;
    }

    /** The demo's own output is the show: library logs only at WARN unless JM_LOG_LEVEL says otherwise. */
    private void quietLogs() {
        if (context.env().get("JM_LOG_LEVEL") != null) {
            return;
        }
        if (LoggerFactory.getLogger("jm") instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(Level.WARN);
        }
    }

    private static void deleteQuietly(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
