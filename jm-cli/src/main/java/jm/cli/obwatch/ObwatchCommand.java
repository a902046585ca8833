package jm.cli.obwatch;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jm.chain.ChainBackend;
import jm.cli.common.BitcoinSettings;
import jm.cli.common.ConfigException;
import jm.cli.common.ConfiguredCommand;
import jm.cli.common.JmConfig;
import jm.cli.common.MarketOptions;
import jm.cli.common.NodeOptions;
import jm.cli.common.NetworkSettings;
import jm.cli.common.ShutdownHook;
import jm.cli.common.TorSettings;
import jm.core.Network;
import jm.net.channel.MessageChannelConfig;
import jm.net.transport.Endpoint;
import jm.net.transport.SocksProxy;
import jm.orderbook.app.Obwatch;
import jm.orderbook.watch.WatchService;
import jm.orderbook.web.ObwatchHttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jm obwatch}: watches the market through the configured directories like a taker that
 * never fills, and serves the orderbook page, {@code /orderbook.json} (the reference watcher's
 * schema) and {@code /metrics} until Ctrl-C.
 */
@Command(name = "obwatch", mixinStandardHelpOptions = true,
        description = {
            "Watch the orderbook and serve it as a web page and as JSON.",
            "",
            "Connects to the directories like a taker that never fills (over Tor, or plain TCP in local mode), "
                    + "asks for the orderbook, keeps it current and verifies fidelity bonds against Bitcoin Core.",
            "It serves, by default on http://127.0.0.1:62601/ (the reference watcher's port):",
            "  /                  the orderbook page (works without JavaScript)",
            "  /orderbook.json    offers and bonds, the reference watcher's schema",
            "  /refreshorderbook  ask the makers again (POST from the page; GET",
            "                     answers the JSON, as Jam's wallet daemon expects)",
            "  /metrics           Prometheus text format",
            "Settings: [network] directory_servers and network, [tor] socks_host and socks_port, [bitcoin] rpc_* "
                    + "(see docs/configuration.md).",
            "Press Ctrl-C to stop.",
            ""})
public final class ObwatchCommand extends ConfiguredCommand {
    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address the web server listens on (default: ${DEFAULT-VALUE}). Anything but a"
                    + " loopback address shows the page to your network.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ObwatchHttpServer.DEFAULT_PORT,
            description = "Port of the web server (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Mixin
    MarketOptions market;

    @Option(names = "--network", paramLabel = "NAME",
            description = "JoinMarket network: mainnet, testnet, signet or regtest (default: [network]"
                    + " network, else mainnet).")
    String network;

    @Mixin
    NodeOptions node;

    @Option(names = "--no-chain",
            description = "Do not use Bitcoin Core. Fidelity bonds are then not verified, so none are shown"
                    + " and every bond value is 0.")
    boolean noChain;

    @Option(names = "--refresh-interval", paramLabel = "SECONDS", defaultValue = "300",
            description = "Ask the makers for their offers again this often (default: ${DEFAULT-VALUE}; at"
                    + " least 10). A maker that answers none of three rounds in a row is dropped.")
    long refreshInterval;

    @Option(names = "--run-for", paramLabel = "SECONDS",
            description = "Stop by itself after this long (for scripts and tests).")
    Long runFor;

    @Override
    protected int execute(PrintWriter out, PrintWriter err) throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new ConfigException("--port must be 0..65535");
        }
        if (refreshInterval < WatchService.MIN_REFRESH_GAP.toSeconds() || refreshInterval > 86_400) {
            throw new ConfigException("--refresh-interval must be 10..86400 seconds");
        }
        JmConfig config = common.config();
        NetworkSettings net = NetworkSettings.read(config, network, market.directories());
        Network chainNetwork = net.chain();
        String announced = net.announcedFor(chainNetwork);
        List<Endpoint> dirs = net.directoryEndpoints();
        Optional<SocksProxy> socks = TorSettings.read(config, market.socks5(), null, null).socksProxy();
        MessageChannelConfig mcc = NetworkSettings.channel(announced, dirs, socks);
        InetSocketAddress bind = bindAddress();
        Path dataDir = common.dataDir();
        Optional<ChainBackend> chain = noChain ? Optional.empty()
                : Optional.of(BitcoinSettings.read(config, chainNetwork, dataDir, "obwatch",
                        node.flags()).connectBackend());
        try {
            chain.ifPresent(c -> checkChain(c, chainNetwork));
            Obwatch obwatch;
            try {
                obwatch = Obwatch.start(new WatchService.Options(mcc, chainNetwork,
                        Duration.ofSeconds(refreshInterval)), bind, chain, Clock.systemUTC());
            } catch (UncheckedIOException e) {
                throw new ConfigException(e.getMessage() + (port != 0 ? " (is another watcher running? try --port)"
                        : ""));
            }
            return serve(out, err, obwatch, dirs, socks.isPresent());
        } finally {
            chain.ifPresent(ChainBackend::close);
        }
    }

    private int serve(PrintWriter out, PrintWriter err, Obwatch obwatch, List<Endpoint> dirs, boolean tor)
            throws InterruptedException {
        CountDownLatch done = common.context().stopLatch();
        ShutdownHook hook = ShutdownHook.install("obwatch-shutdown", () -> {
            obwatch.close();
            done.countDown();
        });
        try {
            out.println("orderbook watcher: " + obwatch.url() + "  (JSON " + obwatch.url().resolve("orderbook.json")
                    + ", metrics " + obwatch.url().resolve("metrics") + ")");
            out.println("  directories: " + dirs.stream().map(Endpoint::toString).toList()
                    + (tor ? " over Tor" : " (local mode, plain TCP)"));
            out.println("  fidelity bonds: " + (noChain ? "not verified (--no-chain)" : "verified against Bitcoin Core"));
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                err.println("warning: listening on " + host + ": anyone who can reach it can read the page");
            }
            out.println("press Ctrl-C to stop");
            out.flush();
            err.flush();
            try {
                obwatch.watch().awaitDirectory().get(60, TimeUnit.SECONDS);
                out.println("directory connected; collecting offers");
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                err.println("warning: no directory accepted us yet; retrying in the background");
            }
            out.flush();
            err.flush();
            common.context().started(obwatch);
            boolean stopped = ShutdownHook.awaitStop(done, runFor);
            out.println(stopped ? "stopping" : "stopping after --run-for " + runFor + " s");
            return 0;
        } catch (UnknownHostException e) {
            throw new ConfigException("--host: unknown host " + host);
        } finally {
            obwatch.close();
            hook.close();
            out.flush();
        }
    }

    /** Fails fast, with the way out, if Core is unreachable or on another chain. */
    private static void checkChain(ChainBackend c, Network expected) {
        try {
            Network actual = c.network();
            if (actual != expected) {
                throw new ConfigException("Bitcoin Core is on " + actual.wireName() + ", the watcher on "
                        + expected.wireName() + " (set [network] network or --network)");
            }
            c.tipHeight();
        } catch (jm.chain.ChainException e) {
            throw new ConfigException("cannot use Bitcoin Core to verify fidelity bonds: " + e.getMessage()
                    + " (set [bitcoin] rpc_*, or run with --no-chain)");
        }
    }

    private InetSocketAddress bindAddress() {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new ConfigException("--host: unknown host " + host);
        }
    }
}
