package jm.cli.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jm.chain.rpc.BitcoinCoreBackend;
import jm.chain.rpc.RpcAuth;
import jm.chain.rpc.RpcConfig;
import jm.cli.common.JmConfig;
import jm.cli.daemon.DaemonCommand;
import jm.core.Network;
import jm.daemon.DaemonContext;
import jm.daemon.DaemonServer;
import jm.daemon.TlsFiles;
import jm.daemon.WalletDaemon;
import jm.demo.market.DemoMarket;
import jm.maker.bot.MakerSettings;
import jm.net.channel.DirectServing;
import jm.net.channel.MessageChannelConfig;
import jm.net.transport.Endpoint;
import jm.orderbook.watch.WatchService;
import jm.taker.client.TakerClient;
import jm.wallet.WalletConfig;
import jm.wallet.coins.MergeAlgorithm;
import jm.wallet.store.KdfParams;
import picocli.CommandLine.Option;

/**
 * The wallet daemon ({@code jm daemon}) on a kept-running demo market ({@code jm demo
 * --keep-running --daemon}), so Jam can be pointed at a complete local market: wallets in the
 * demo's directory, its node, its directory for makers and takers, its orderbook watcher.
 */
final class DemoDaemon {
    /** The reference's separate WebSocket port, which Jam's proxy uses. */
    static final int WS_PORT = 28283;

    private DemoDaemon() {
    }

    /** {@code jm demo}'s daemon options. */
    static final class Options {
        @Option(names = "--daemon", description = "With --keep-running: also serve the wallet daemon (as jm daemon)"
                + " on the market, for the Jam web UI, and print its URL and how to point Jam at it.")
        boolean enabled;

        @Option(names = "--daemon-port", paramLabel = "PORT", defaultValue = "" + DaemonServer.DEFAULT_PORT,
                description = "--daemon's API port (default: ${DEFAULT-VALUE}, WebSocket 28283; taken: a free one).")
        int port;

        @Option(names = "--daemon-no-tls", description = "Serve --daemon over plain HTTP, not HTTPS.")
        boolean noTls;
    }

    /** Starts on {@code port} (and 28283 for the WebSocket); a port that is taken falls back to a free one. */
    static DaemonServer start(DemoMarket market, WatchService orderbook, int port, boolean tls)
            throws IOException, InterruptedException {
        Path root = market.root();
        SecureRandom random = new SecureRandom();
        String[] hp = market.directoryHostPort().split(":");
        MessageChannelConfig makerChannel = MessageChannelConfig.local(DemoMarket.ANNOUNCED,
                List.of(new Endpoint(hp[0], Integer.parseInt(hp[1]))));
        Map<String, Map<String, String>> config = DaemonCommand.referenceConfig(
                JmConfig.load(root, market.configFile(), Map.of()), Network.REGTEST);
        DaemonContext ctx = new DaemonContext(root, Network.REGTEST, KdfParams.DEFAULT, WalletConfig.DEFAULT_GAP_LIMIT,
                walletName -> new BitcoinCoreBackend(new RpcConfig(market.rpcUrl(),
                        new RpcAuth.CookieFile(market.cookieFile()), DemoMarket.rpcWalletName(walletName),
                        Duration.ofSeconds(30))),
                walletName -> new DaemonContext.MakerPlan(makerChannel,
                        new DirectServing.Local(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1"),
                        MakerSettings.defaults(DemoMarket.ANNOUNCED), MergeAlgorithm.DEFAULT,
                        root.resolve("makers").resolve(walletName)),
                walletName -> new DaemonContext.TakerPlan(TakerClient.Settings.of(market.takerChannelConfig()),
                        market.takerConfig(), root.resolve("taker").resolve("used-commitments-" + walletName + ".txt")),
                Optional.of(orderbook), config);
        var ssl = tls ? Optional.of(TlsFiles.serverContext(root, random)) : Optional.<io.netty.handler.ssl.SslContext>empty();
        try {
            return start(ctx, ssl, port, WS_PORT, random);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) { // a port is taken (a jm daemon or the reference's runs?): free ports
            return start(ctx, ssl, 0, 0, random);
        }
    }

    private static DaemonServer start(DaemonContext ctx, Optional<io.netty.handler.ssl.SslContext> ssl, int port,
            int wsPort, SecureRandom random) throws InterruptedException {
        return DaemonServer.start(new InetSocketAddress("127.0.0.1", port),
                Optional.of(new InetSocketAddress("127.0.0.1", wsPort)), ssl,
                notifier -> new WalletDaemon(ctx, Clock.systemUTC(), random, notifier, Duration.ofSeconds(10)));
    }
}
