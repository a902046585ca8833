package jm.cli.wallet;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import jm.chain.ChainBackend;
import jm.chain.rpc.BitcoinCoreBackend;
import jm.chain.rpc.RpcAuth;
import jm.chain.rpc.RpcConfig;
import jm.cli.common.ConfigException;
import jm.cli.common.JmConfig;
import jm.core.Network;
import picocli.CommandLine.Option;

/**
 * How to reach the Bitcoin node: flags, else {@code [bitcoin]} config keys ({@code rpc_url},
 * {@code rpc_cookie_file}, {@code rpc_user}, {@code rpc_password}, {@code rpc_wallet}), else
 * the network's default port on 127.0.0.1 with Core's cookie file.
 */
final class BackendOptions {
    @Option(names = "--rpc-url", paramLabel = "URL", description = "Bitcoin Core RPC URL (default: 127.0.0.1 and the network's port).")
    String rpcUrl;

    @Option(names = "--rpc-cookie", paramLabel = "FILE", description = "Core's .cookie file.")
    Path rpcCookie;

    @Option(names = "--rpc-user", paramLabel = "USER", description = "RPC user (password from [bitcoin] rpc_password or $BITCOIN__RPC_PASSWORD).")
    String rpcUser;

    @Option(names = "--rpc-wallet", paramLabel = "NAME", description = "Watch-only wallet in the node (default: jm-<wallet name>).")
    String rpcWallet;

    ChainBackend connect(JmConfig config, Network network, String walletName, java.nio.file.Path dataDir) {
        String url = config.string("bitcoin", "rpc_url", rpcUrl, "http://127.0.0.1:" + defaultPort(network) + "/");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("bitcoin.rpc_url: not a URL: " + url);
        }
        String user = config.string("bitcoin", "rpc_user", rpcUser, null);
        RpcAuth auth;
        if (rpcCookie == null && user != null) {
            String pw = config.string("bitcoin", "rpc_password")
                    .orElseThrow(() -> new ConfigException("bitcoin.rpc_password is needed with rpc_user"));
            auth = new RpcAuth.UserPassword(user, pw);
        } else {
            String cookie = rpcCookie != null ? rpcCookie.toString()
                    : config.string("bitcoin", "rpc_cookie_file", null, defaultCookie(network, dataDir).toString());
            auth = new RpcAuth.CookieFile(Path.of(cookie));
        }
        String wallet = config.string("bitcoin", "rpc_wallet", rpcWallet, "jm-" + walletName);
        return new BitcoinCoreBackend(new RpcConfig(uri, auth, wallet, Duration.ofSeconds(120)));
    }

    static int defaultPort(Network n) {
        return switch (n) {
            case MAINNET -> 8332;
            case TESTNET -> 18332;
            case SIGNET -> 38332;
            case REGTEST -> 18443;
        };
    }

    static Path defaultCookie(Network n, Path dataDir) {
        Path core = Path.of(System.getProperty("user.home"), ".bitcoin");
        return switch (n) {
            case MAINNET -> core.resolve(".cookie");
            case TESTNET -> core.resolve("testnet3/.cookie");
            case SIGNET -> core.resolve("signet/.cookie");
            // the embedded regtest node (jm regtest-node start) keeps its cookie in the data directory
            case REGTEST -> dataDir.resolve("regtest-node/.cookie");
        };
    }
}
