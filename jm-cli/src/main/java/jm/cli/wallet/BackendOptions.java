package jm.cli.wallet;

import java.nio.file.Path;
import jm.chain.ChainBackend;
import jm.cli.common.BitcoinSettings;
import jm.cli.common.JmConfig;
import jm.core.Network;
import picocli.CommandLine.Option;

/**
 * How to reach the Bitcoin node: flags, else {@code [bitcoin]} config keys ({@code rpc_url},
 * {@code rpc_cookie_file}, {@code rpc_user}, {@code rpc_password}, {@code descriptor_wallet_name}),
 * else
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
        return BitcoinSettings.read(config, network, dataDir, walletName,
                new BitcoinSettings.Flags(rpcUrl, rpcCookie, rpcUser, rpcWallet)).connectBackend();
    }
}
