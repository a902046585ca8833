package jm.net.channel;

import java.util.Objects;
import jm.core.Nick;
import jm.core.crypto.NickKey;
import jm.core.wire.Handshake;
import jm.core.wire.Location;

/**
 * Who we are on the network: our nick key, the channel config and the HANDSHAKE we send (known
 * once our location is, i.e. after the direct server started). Thread-safe.
 */
final class OwnIdentity {
    private final MessageChannelConfig config;
    private final NickKey key;
    private volatile Handshake handshake;

    OwnIdentity(MessageChannelConfig config, NickKey key) {
        this.config = Objects.requireNonNull(config, "config");
        this.key = Objects.requireNonNull(key, "key");
    }

    MessageChannelConfig config() {
        return config;
    }

    NickKey key() {
        return key;
    }

    Nick nick() {
        return key.nick();
    }

    /** Fixes our handshake for the given location. */
    void announce(Location location) {
        handshake = Handshake.client(key.nick(), location, config.network(), config.features());
    }

    /** Our handshake, or null while still starting. */
    Handshake handshake() {
        return handshake;
    }
}
