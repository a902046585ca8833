package jm.cli.common;

import java.nio.file.Path;
import jm.chain.ChainBackend;
import jm.core.Network;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@link NodeOptions} plus the watch-only wallet in the node that mirrors a jm wallet. */
public final class RpcOptions {
    @Mixin
    NodeOptions node;

    @Option(names = "--rpc-wallet", paramLabel = "NAME",
            description = "Watch-only wallet in the node (default: [bitcoin] descriptor_wallet_name, else jm-<wallet>).")
    String rpcWallet;

    public BitcoinSettings.Flags flags() {
        BitcoinSettings.Flags n = node.flags();
        return new BitcoinSettings.Flags(n.rpcUrl(), n.rpcCookie(), n.rpcUser(), rpcWallet);
    }

    /** Connects to the node for the jm wallet {@code walletName} (its watch-only wallet there). */
    public ChainBackend connect(JmConfig config, Network network, String walletName, Path dataDir) {
        return BitcoinSettings.read(config, network, dataDir, walletName, flags()).connectBackend();
    }
}
