package jm.net.tor;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An onion service created by ADD_ONION.
 *
 * @param serviceId the 56-character v3 service id (without {@code .onion})
 * @param virtualPort the port peers connect to (5222 for JoinMarket)
 * @param key the private key when Tor returned it (new services not created with DiscardPK)
 */
public record OnionService(String serviceId, int virtualPort, Optional<OnionServiceKey> key) {
    public OnionService {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(key, "key");
        if (!serviceId.matches("[a-z2-7]{56}")) {
            throw new IllegalArgumentException("not a v3 onion service id");
        }
        if (virtualPort < 1 || virtualPort > 65_535) {
            throw new IllegalArgumentException("virtual port out of range");
        }
    }

    /** {@code <id>.onion}. */
    public String hostname() {
        return serviceId.toLowerCase(Locale.ROOT) + ".onion";
    }

    /** The location string peers see: {@code <id>.onion:<virtualPort>}. */
    public String locationString() {
        return hostname() + ":" + virtualPort;
    }
}
