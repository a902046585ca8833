package jm.cli.common;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How to reach Bitcoin Core: flags, else the {@code [bitcoin]} keys {@code rpc_url},
 * {@code rpc_cookie_file}, {@code rpc_user} and {@code rpc_password}, else 127.0.0.1 on the
 * network's port with Core's cookie file.
 */
public final class NodeOptions {
    @Option(names = "--rpc-url", paramLabel = "URL",
            description = "Bitcoin Core RPC URL (default: [bitcoin] rpc_url, else 127.0.0.1 and the network's port).")
    String rpcUrl;

    @Option(names = "--rpc-cookie", paramLabel = "FILE",
            description = "Bitcoin Core's .cookie file (default: [bitcoin] rpc_cookie_file).")
    Path rpcCookie;

    @Option(names = "--rpc-user", paramLabel = "USER",
            description = "RPC user (password from [bitcoin] rpc_password or $BITCOIN__RPC_PASSWORD).")
    String rpcUser;

    /** These flags without a watch-only wallet name. */
    public BitcoinSettings.Flags flags() {
        return new BitcoinSettings.Flags(rpcUrl, rpcCookie, rpcUser, null);
    }
}
