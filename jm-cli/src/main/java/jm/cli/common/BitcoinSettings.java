package jm.cli.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import jm.chain.rpc.BitcoinCoreBackend;
import jm.chain.rpc.RpcAuth;
import jm.chain.rpc.RpcConfig;
import jm.core.Network;

/**
 * {@code [bitcoin]}: how to reach Bitcoin Core. Cookie authentication unless {@code rpc_user} is
 * set; on regtest with nothing configured, the embedded node of {@code jm regtest-node}
 * ({@code <data-dir>/regtest-node/.cookie}).
 *
 * @param rpcUrl     the RPC URL
 * @param user       the RPC user, empty = cookie authentication
 * @param password   the RPC password (with user)
 * @param cookieFile the cookie file (without user)
 * @param walletName the descriptor wallet in Core
 */
public record BitcoinSettings(URI rpcUrl, Optional<String> user, Optional<Secret> password, Path cookieFile,
                              String walletName) {
    public static final String SECTION = "bitcoin";
    /** How long one RPC call may take. */
    public static final Duration RPC_TIMEOUT = Duration.ofSeconds(120);

    public BitcoinSettings {
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        Objects.requireNonNull(cookieFile, "cookieFile");
        Objects.requireNonNull(walletName, "walletName");
        if (user.isPresent() && password.isEmpty()) {
            throw new ConfigException("[bitcoin] rpc_password is needed with rpc_user");
        }
    }

    /** Flags that override keys (null = not given). */
    public record Flags(String rpcUrl, Path rpcCookie, String rpcUser, String rpcWallet) {
        public static Flags none() {
            return new Flags(null, null, null, null);
        }
    }

    /**
     * Reads the section.
     *
     * @param chain         the wallet's chain (default port and cookie)
     * @param dataDir       the data directory (embedded regtest node's cookie)
     * @param jmWalletName  the jm wallet name (default descriptor wallet {@code jm-<name>})
     */
    public static BitcoinSettings read(JmConfig c, Network chain, Path dataDir, String jmWalletName, Flags f) {
        String url = c.string(SECTION, "rpc_url", f.rpcUrl(), "http://127.0.0.1:" + defaultPort(chain) + "/");
        URI uri;
        try {
            uri = new URI(url.trim());
            if (uri.getHost() == null || uri.getScheme() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new URISyntaxException(url, "expected http://HOST:PORT/");
            }
        } catch (URISyntaxException e) {
            throw c.invalid(SECTION, "rpc_url", f.rpcUrl(), "is not an http URL (http://HOST:PORT/)");
        }
        // a cookie flag means cookie authentication even if a user is configured
        Optional<String> user = f.rpcCookie() != null ? Optional.empty()
                : Optional.ofNullable(c.string(SECTION, "rpc_user", f.rpcUser(), null)).filter(s -> !s.isEmpty());
        Optional<Secret> password = c.string(SECTION, "rpc_password").map(Secret::new);
        if (user.isPresent() && password.isEmpty()) {
            throw c.invalid(SECTION, "rpc_user", f.rpcUser(), "is set but rpc_password is not: set both, or neither "
                    + "for cookie authentication");
        }
        Path cookie = f.rpcCookie() != null ? f.rpcCookie()
                : Path.of(c.string(SECTION, "rpc_cookie_file", null, defaultCookie(chain, dataDir).toString()));
        String wallet = c.string(SECTION, "descriptor_wallet_name", f.rpcWallet(), "jm-" + jmWalletName);
        return new BitcoinSettings(uri, user, user.isPresent() ? password : Optional.empty(), cookie, wallet);
    }

    /** The RPC configuration these settings describe. */
    public RpcConfig rpcConfig() {
        RpcAuth auth = user.isPresent()
                ? new RpcAuth.UserPassword(user.get(), password.orElseThrow().value())
                : new RpcAuth.CookieFile(cookieFile);
        return new RpcConfig(rpcUrl, auth, walletName, RPC_TIMEOUT);
    }

    /** A backend for these settings (connects lazily, on the first call). */
    public BitcoinCoreBackend connectBackend() {
        return new BitcoinCoreBackend(rpcConfig());
    }

    /** Bitcoin Core's default RPC port for a chain. */
    public static int defaultPort(Network n) {
        return switch (n) {
            case MAINNET -> 8332;
            case TESTNET -> 18332;
            case SIGNET -> 38332;
            case REGTEST -> 18443;
        };
    }

    /** Core's default cookie; on regtest the embedded node's, in the data directory. */
    public static Path defaultCookie(Network n, Path dataDir) {
        Path core = Path.of(System.getProperty("user.home"), ".bitcoin");
        return switch (n) {
            case MAINNET -> core.resolve(".cookie");
            case TESTNET -> core.resolve("testnet3/.cookie");
            case SIGNET -> core.resolve("signet/.cookie");
            case REGTEST -> dataDir.resolve("regtest-node/.cookie");
        };
    }
}
