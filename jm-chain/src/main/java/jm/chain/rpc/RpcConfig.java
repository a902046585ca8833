package jm.chain.rpc;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach a Bitcoin Core (or the embedded regtest node) JSON-RPC server.
 *
 * @param url        e.g. {@code http://127.0.0.1:8332}; the wallet path is added by the client
 * @param auth       cookie file or user/password
 * @param walletName watch-only descriptor wallet this backend creates/loads and uses
 * @param timeout    per-request timeout (long calls such as rescans are given more)
 */
public record RpcConfig(URI url, RpcAuth auth, String walletName, Duration timeout) {
    public RpcConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(walletName, "walletName");
        Objects.requireNonNull(timeout, "timeout");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("rpc url must be http(s): " + url);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("rpc url has no host: " + url);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /** A config with a 30 s timeout. */
    public static RpcConfig of(URI url, RpcAuth auth, String walletName) {
        return new RpcConfig(url, auth, walletName, Duration.ofSeconds(30));
    }
}
