package jm.core.wire;

/**
 * A plain TCP endpoint ({@code 127.0.0.1:<port>}), used only by test and regtest setups;
 * only peers configured for testing connect to it.
 *
 * @param host a DNS name or IPv4 address (letters, digits, {@code .} and {@code -})
 * @param port 1..65535
 */
public record TcpLocation(String host, int port) implements Location {

    public TcpLocation {
        if (!isValidHost(host)) {
            throw new IllegalArgumentException("invalid host: " + host);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    static boolean isValidHost(String host) {
        if (host == null || host.isEmpty() || host.length() > 63) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return !host.endsWith(".onion");
    }

    @Override
    public String toWire() {
        return host + ":" + port;
    }
}
