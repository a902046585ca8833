package jm.core.wire;

import java.util.Objects;
import jm.core.Nick;

/**
 * One PEERLIST entry (PROTOCOL.md 1.7): {@code nick;location}, {@code nick;location;D} or
 * {@code nick;location;F:f1+f2}.
 *
 * @param nick         the peer
 * @param location     where it accepts direct connections
 * @param disconnected whether the directory reports it gone ({@code ;D})
 * @param features     its features ({@code ;F:}), empty when not sent
 */
public record PeerlistEntry(Nick nick, Location location, boolean disconnected, Features features) {
    public PeerlistEntry {
        Objects.requireNonNull(nick, "nick");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(features, "features");
    }

    public static PeerlistEntry available(Nick nick, Location location, Features features) {
        return new PeerlistEntry(nick, location, false, features);
    }

    public static PeerlistEntry gone(Nick nick, Location location) {
        return new PeerlistEntry(nick, location, true, Features.NONE);
    }
}
