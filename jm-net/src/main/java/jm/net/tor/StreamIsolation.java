package jm.net.tor;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import jm.net.transport.SocksProxy;

/**
 * SOCKS credentials per connection purpose, so Tor (IsolateSOCKSAuth, on by default) puts
 * directory connections, direct peer connections and anything else on separate circuits. The
 * username names the purpose (and optionally the destination, for one circuit per directory);
 * the password is a random token of this process, so two processes never share circuits.
 */
public final class StreamIsolation {
    /** Categories of outgoing connection. */
    public enum Purpose { DIRECTORY, PEER, HEALTH_CHECK, OTHER }

    private final String token;

    private StreamIsolation(String token) {
        this.token = token;
    }

    public static StreamIsolation random(SecureRandom random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return new StreamIsolation(HexFormat.of().formatHex(b));
    }

    /** The proxy with credentials for this purpose (same circuit group for all its connections). */
    public SocksProxy forPurpose(SocksProxy proxy, Purpose purpose) {
        Objects.requireNonNull(purpose, "purpose");
        return proxy.withCredentials("jm-" + purpose.name().toLowerCase(Locale.ROOT), token);
    }

    /** The proxy with credentials for this purpose and destination (one circuit group each). */
    public SocksProxy forDestination(SocksProxy proxy, Purpose purpose, String destination) {
        String user = "jm-" + purpose.name().toLowerCase(Locale.ROOT) + "-" + destination;
        if (user.length() > 255) {
            user = user.substring(0, 255);
        }
        return proxy.withCredentials(user, token);
    }

    @Override
    public String toString() {
        return "StreamIsolation[token redacted]";
    }
}
