package jm.core.wire;

/**
 * A Tor v3 onion service: 56 lowercase base32 characters + {@code .onion}, and the virtual port.
 *
 * @param host e.g. {@code lms5jrn6...eidrtiad.onion}
 * @param port 1..65535, normally {@link #VIRTUAL_PORT}
 */
public record OnionLocation(String host, int port) implements Location {
    /** Onion services are exposed on this virtual port. */
    public static final int VIRTUAL_PORT = 5222;

    public OnionLocation {
        if (!isV3Host(host)) {
            throw new IllegalArgumentException("not a lowercase Tor v3 onion host: " + host);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    static boolean isV3Host(String host) {
        if (host == null || host.length() != 62 || !host.endsWith(".onion")) {
            return false;
        }
        for (int i = 0; i < 56; i++) {
            char c = host.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toWire() {
        return host + ":" + port;
    }
}
