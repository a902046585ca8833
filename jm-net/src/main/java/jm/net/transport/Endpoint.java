package jm.net.transport;

import java.net.InetSocketAddress;
import java.util.Locale;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;

/**
 * A host name (onion, DNS name or IP literal) and TCP port to connect to. Never resolved locally
 * when connecting through SOCKS (the proxy resolves it, PROTOCOL.md 1.1).
 *
 * @param host host name or literal, without brackets
 * @param port 1..65535
 */
public record Endpoint(String host, int port) {
    public Endpoint {
        if (host == null || host.isBlank() || host.length() > 255) {
            throw new IllegalArgumentException("endpoint host must be 1..255 chars");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("endpoint port out of range: " + port);
        }
    }

    /** Parses {@code host:port} (IPv6 literals as {@code [::1]:port}). */
    public static Endpoint parse(String s) throws ProtocolException {
        if (s == null) {
            throw new ProtocolException(Reason.MISSING_FIELD, "endpoint", "missing");
        }
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new ProtocolException(Reason.MALFORMED, "endpoint", "expected host:port");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ProtocolException(Reason.MALFORMED, "endpoint.port", "not a number");
        }
        if (port < 1 || port > 65_535 || host.isBlank() || host.length() > 255) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, "endpoint", "host or port out of range");
        }
        return new Endpoint(host, port);
    }

    /** Whether the host is a Tor onion name. */
    public boolean isOnion() {
        return host.toLowerCase(Locale.ROOT).endsWith(".onion");
    }

    /** An unresolved socket address (for SOCKS remote DNS and for plain connects alike). */
    public InetSocketAddress unresolved() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
