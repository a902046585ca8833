package jm.cli.common;

import java.util.List;
import picocli.CommandLine.Option;

/** Where the market is: directory nodes and the Tor SOCKS5 proxy that reaches them. */
public final class MarketOptions {
    @Option(names = "--directory", paramLabel = "HOST:PORT",
            description = "Directory node (repeatable; default: [network] directory_servers).")
    List<String> directories;

    @Option(names = "--socks5", paramLabel = "HOST:PORT",
            description = "Tor SOCKS5 proxy, or none for plain TCP (local mode) (default: [tor] socks_host and "
                    + "socks_port).")
    String socks5;

    /** The {@code --directory} flags, or null when none was given. */
    public List<String> directories() {
        return directories;
    }

    /** The {@code --socks5} flag, or null. */
    public String socks5() {
        return socks5;
    }
}
