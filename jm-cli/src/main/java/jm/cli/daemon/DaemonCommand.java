package jm.cli.daemon;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import jm.cli.common.BitcoinSettings;
import jm.cli.common.ConfigException;
import jm.cli.common.ConfiguredCommand;
import jm.cli.common.JmConfig;
import jm.cli.common.MarketOptions;
import jm.cli.common.NodeOptions;
import jm.cli.common.NetworkSettings;
import jm.cli.common.ShutdownHook;
import jm.cli.common.TorSettings;
import jm.cli.common.WalletSettings;
import jm.cli.maker.MakerSettingsReader;
import jm.cli.maker.StartMakerCommand;
import jm.cli.taker.TakerSettings;
import jm.core.Network;
import jm.daemon.DaemonContext;
import jm.daemon.DaemonServer;
import jm.daemon.TlsFiles;
import jm.daemon.WalletDaemon;
import jm.net.channel.DirectServing;
import jm.net.channel.MessageChannelConfig;
import jm.net.transport.Endpoint;
import jm.net.transport.SocksProxy;
import jm.orderbook.watch.WatchService;
import jm.taker.client.TakerClient;
import jm.taker.session.OwnNicks;
import jm.wallet.store.KdfParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jm daemon}: serves the reference wallet daemon's API (jmwalletd) so that Jam and scripts
 * can drive this project's wallet, maker and taker; runs until Ctrl-C, then locks the wallet
 * (maker stopped, reservations released).
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {
            "Serve the wallet API that the Jam web UI and scripts use (the reference's jmwalletd).",
            "",
            "HTTPS on 127.0.0.1:28183 under /api/v1 with a self-signed certificate created on first start in "
                    + "<data-dir>/ssl/ (cert.pem, key.pem), the WebSocket at /jmws on the same port and on the "
                    + "reference's WebSocket port 28283.",
            "One wallet is unlocked at a time; Jam's requests need the token its unlock answered.",
            "Settings: [network] network and directory_servers, [tor] socks and control, [bitcoin] rpc_*, "
                    + "[maker] defaults for the maker Jam starts, [taker] fee limits (see docs/configuration.md).",
            "Press Ctrl-C to stop: the wallet is locked and a running maker stopped.",
            ""})
public final class DaemonCommand extends ConfiguredCommand {
    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}). Anything but a loopback address"
                    + " offers your wallet to your network.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DaemonServer.DEFAULT_PORT,
            description = "Port of the API (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--ws-port", paramLabel = "PORT", defaultValue = "28283",
            description = "The reference's separate WebSocket port, which Jam's proxy uses (default:"
                    + " ${DEFAULT-VALUE}; -1 for none, 0 picks a free one).")
    int wsPort;

    @Option(names = "--no-tls",
            description = "Serve plain HTTP and WS, for a reverse proxy on the same machine that adds TLS.")
    boolean noTls;

    @Option(names = "--network", paramLabel = "NAME",
            description = "Chain of new wallets: mainnet, testnet, signet or regtest (default: [network] network,"
                    + " else mainnet).")
    String network;

    @Mixin
    MarketOptions market;

    @Mixin
    NodeOptions node;

    @Option(names = "--no-obwatch",
            description = "Do not watch the orderbook (/obwatch/orderbook.json then answers 503).")
    boolean noObwatch;

    @Option(names = "--run-for", paramLabel = "SECONDS", description = "Stop by itself after this long (scripts, tests).")
    Long runFor;

    @Override
    protected int execute(PrintWriter out, PrintWriter err) throws InterruptedException {
        if (port < 0 || port > 65_535 || wsPort < -1 || wsPort > 65_535) {
            throw new ConfigException("--port and --ws-port must be 0..65535 (--ws-port -1: none)");
        }
        JmConfig config = common.config();
        Path dataDir = common.dataDir();
        NetworkSettings net = NetworkSettings.read(config, network, market.directories());
        Network chain = net.chain();
        String announced = net.announcedFor(chain);
        List<Endpoint> dirs = net.directoryEndpoints();
        TorSettings tor = TorSettings.read(config, market.socks5(), null, null);
        Optional<SocksProxy> socks = tor.socksProxy();
        MessageChannelConfig mcc = NetworkSettings.channel(announced, dirs, socks);
        MakerSettingsReader.read(config, MakerSettingsReader.Flags.none(), announced); // bad values fail now
        InetSocketAddress serving = MakerSettingsReader.serving(config, null);
        WalletSettings walletSettings = WalletSettings.read(config, null, null);
        SecureRandom random = new SecureRandom();
        WatchService watch = noObwatch ? null
                : WatchService.start(new WatchService.Options(mcc, chain, Duration.ofMinutes(5)), Optional.empty(),
                        Clock.systemUTC());
        DaemonContext ctx = new DaemonContext(dataDir, chain, KdfParams.DEFAULT, walletSettings.gapLimit(),
                walletName -> BitcoinSettings.read(config, chain, dataDir, walletName, node.flags()).connectBackend(),
                walletName -> new DaemonContext.MakerPlan(mcc, socks.isPresent()
                        ? StartMakerCommand.onionServing(tor, serving, random)
                        : new DirectServing.Local(serving, serving.getHostString()),
                        MakerSettingsReader.read(config, MakerSettingsReader.Flags.none(), announced),
                        MakerSettingsReader.mergeAlgorithm(config, MakerSettingsReader.Flags.none()),
                        dataDir.resolve("makers").resolve(walletName)),
                walletName -> new DaemonContext.TakerPlan(TakerClient.Settings.of(mcc)
                        .withOwnNicks(OwnNicks.inDataDir(dataDir)), TakerSettings.read(config, chain),
                        dataDir.resolve("taker").resolve("used-commitments-" + walletName + ".txt")),
                Optional.ofNullable(watch), referenceConfig(config, chain));
        DaemonServer server;
        try {
            InetSocketAddress bind = new InetSocketAddress(InetAddress.getByName(host), port);
            Optional<InetSocketAddress> wsBind = wsPort < 0 ? Optional.empty()
                    : Optional.of(new InetSocketAddress(InetAddress.getByName(host), wsPort));
            server = DaemonServer.start(bind, wsBind,
                    noTls ? Optional.empty() : Optional.of(TlsFiles.serverContext(dataDir, random)),
                    notifier -> new WalletDaemon(ctx, Clock.systemUTC(), random, notifier, Duration.ofSeconds(10)));
        } catch (UnknownHostException e) {
            closeWatch(watch);
            throw new ConfigException("--host: unknown host " + host);
        } catch (IOException | RuntimeException e) {
            closeWatch(watch);
            throw new ConfigException("cannot start the daemon on " + host + ":" + port + ": " + e.getMessage()
                    + " (is another daemon running? try --port)");
        }
        return serve(out, err, server, watch, dataDir);
    }

    private static void closeWatch(WatchService watch) {
        if (watch != null) {
            watch.close();
        }
    }

    /** The reference's joinmarket.cfg names Jam asks {@code configget} for, from our config.toml keys. */
    public static Map<String, Map<String, String>> referenceConfig(JmConfig c, Network chain) {
        Map<String, String> policy = new LinkedHashMap<>();
        policy.put("tx_fees", c.string("taker", "tx_fees").orElse("3"));
        policy.put("tx_fees_factor", c.string("taker", "tx_fee_factor").orElse("0.2"));
        policy.put("minimum_makers", c.string("taker", "minimum_makers").orElse("4"));
        policy.put("taker_utxo_age", c.string("taker", "taker_utxo_age").orElse("5"));
        policy.put("taker_utxo_amtpercent", c.string("taker", "taker_utxo_amtpercent").orElse("20"));
        policy.put("taker_utxo_retries", c.string("taker", "taker_utxo_retries").orElse("3"));
        policy.put("merge_algorithm", c.string("maker", "merge_algorithm").orElse("default"));
        // as the reference: no default fee limits, so Jam asks the user before a first CoinJoin
        c.string("taker", "max_cj_fee_abs").ifPresent(v -> policy.put("max_cj_fee_abs", v));
        c.string("taker", "max_cj_fee_rel").ifPresent(v -> policy.put("max_cj_fee_rel", v));
        return Map.of("POLICY", policy, "BLOCKCHAIN", Map.of("network", chain.wireName()));
    }

    private int serve(PrintWriter out, PrintWriter err, DaemonServer server, WatchService watch, Path dataDir)
            throws InterruptedException {
        CountDownLatch done = common.context().stopLatch();
        ShutdownHook hook = ShutdownHook.install("daemon-shutdown", () -> {
            server.close();
            closeWatch(watch);
            done.countDown();
        });
        try {
            out.println("wallet daemon: " + server.url() + (server.wsPort() >= 0 ? "  (WebSocket /jmws, and port "
                    + server.wsPort() + ")" : "  (WebSocket /jmws)"));
            if (!noTls) {
                out.println("  TLS certificate: " + TlsFiles.certFile(dataDir) + " (self-signed)");
            }
            out.println("  wallets: " + dataDir.resolve("wallets"));
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                err.println("warning: listening on " + host + ": anyone who can reach it can try to unlock wallets");
            }
            out.println("press Ctrl-C to stop");
            out.flush();
            err.flush();
            common.context().started(server);
            boolean stopped = ShutdownHook.awaitStop(done, runFor);
            out.println(stopped ? "stopping: locking the wallet" : "stopping after --run-for " + runFor + " s");
            return 0;
        } catch (UnknownHostException e) {
            throw new ConfigException("--host: unknown host " + host);
        } finally {
            server.close();
            closeWatch(watch);
            hook.close();
            out.flush();
        }
    }
}
