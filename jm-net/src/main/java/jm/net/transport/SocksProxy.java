package jm.net.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A SOCKS5 proxy (Tor's SocksPort) and the credentials to present to it. Tor isolates streams
 * whose credentials differ (IsolateSOCKSAuth, on by default), so each connection purpose gets its
 * own pair (see {@code jm.net.tor.StreamIsolation}). Credentials are not secrets to Tor's users
 * but are never logged; {@link #toString()} hides them.
 *
 * @param address proxy host and port (normally 127.0.0.1:9050)
 * @param username SOCKS username, or null for no authentication
 * @param password SOCKS password, or null for no authentication
 */
public record SocksProxy(InetSocketAddress address, String username, String password) {
    public SocksProxy {
        Objects.requireNonNull(address, "address");
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("SOCKS username and password go together");
        }
        if (username != null && (username.isEmpty() || username.length() > 255 || password.length() > 255)) {
            throw new IllegalArgumentException("SOCKS username/password must be 1..255 chars");
        }
    }

    public static SocksProxy noAuth(InetSocketAddress address) {
        return new SocksProxy(address, null, null);
    }

    /** The same proxy with other credentials. */
    public SocksProxy withCredentials(String user, String pass) {
        return new SocksProxy(address, user, pass);
    }

    public boolean hasCredentials() {
        return username != null;
    }

    @Override
    public String toString() {
        return "SocksProxy[" + address + (username == null ? "" : ", user=" + username + ", password redacted") + "]";
    }
}
