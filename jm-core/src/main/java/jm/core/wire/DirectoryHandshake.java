package jm.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;

/**
 * The directory's DN_HANDSHAKE (type 795, PROTOCOL.md 2.2), its answer to a client HANDSHAKE.
 * {@link #parse} checks syntax; {@link #checkAsClient(String)} decides whether to stay.
 *
 * @param appName     {@code joinmarket}
 * @param directory   true for a directory
 * @param protoVerMin lowest supported protocol version
 * @param protoVerMax highest supported protocol version
 * @param features    advertised features
 * @param accepted    whether the directory accepted the client
 * @param nick        the directory's own nick
 * @param network     the directory's announced network
 * @param motd        message of the day (may be empty)
 * @param location    the directory's location (only joinmarket-rs sends it)
 */
public record DirectoryHandshake(String appName, boolean directory, int protoVerMin, int protoVerMax,
                                 Features features, boolean accepted, Nick nick, String network,
                                 String motd, Optional<Location> location) {
    public static final int MAX_MOTD_BYTES = 16_384;

    public DirectoryHandshake {
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(nick, "nick");
        Objects.requireNonNull(motd, "motd");
        Objects.requireNonNull(location, "location");
        if (!Handshake.NETWORK_NAMES.contains(network)) {
            throw new IllegalArgumentException("unknown network name: " + network);
        }
        if (protoVerMin > protoVerMax) {
            throw new IllegalArgumentException("proto-ver-min above proto-ver-max");
        }
    }

    /** Our answer as a directory. */
    public static DirectoryHandshake of(Nick nick, String network, Features features, boolean accepted, String motd) {
        return new DirectoryHandshake(Handshake.APP_NAME, true, Handshake.PROTOCOL_VERSION,
                Handshake.PROTOCOL_VERSION, features, accepted, nick, network, motd, Optional.empty());
    }

    /**
     * Parses the {@code line} of a type-795 envelope. A single {@code proto-ver} instead of the
     * min/max pair is read as min = max (as NG does); {@code motd} may be absent.
     */
    public static DirectoryHandshake parse(String lineJson) throws ProtocolException {
        String ctx = "dn-handshake";
        ObjectNode o = WireJson.readObject(lineJson, ctx);
        String appName = WireJson.requireString(o, "app-name", ctx, Handshake.MAX_SHORT_FIELD_BYTES);
        if (appName.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, ctx + ".app-name", "empty");
        }
        boolean directory = WireJson.requireBoolean(o, "directory", ctx);
        int min;
        int max;
        if (o.has("proto-ver-min") || o.has("proto-ver-max") || !o.has("proto-ver")) {
            min = WireJson.requireInt(o, "proto-ver-min", ctx);
            max = WireJson.requireInt(o, "proto-ver-max", ctx);
            if (min > max) {
                throw new ProtocolException(Reason.INVALID, ctx + ".proto-ver-min", "above proto-ver-max");
            }
        } else {
            min = WireJson.requireInt(o, "proto-ver", ctx);
            max = min;
        }
        Features features = Features.fromJson(o.get("features"), ctx + ".features");
        boolean accepted = WireJson.requireBoolean(o, "accepted", ctx);
        String nickText = WireJson.requireString(o, "nick", ctx, Handshake.MAX_SHORT_FIELD_BYTES);
        String network = Handshake.parseNetwork(
                WireJson.requireString(o, "network", ctx, Handshake.MAX_SHORT_FIELD_BYTES), ctx);
        String motd = "";
        JsonNode m = o.get("motd");
        if (m != null && !m.isNull()) {
            motd = WireJson.requireString(o, "motd", ctx, MAX_MOTD_BYTES);
        }
        Optional<Location> location = Optional.empty();
        JsonNode l = o.get("location-string");
        if (l != null && !l.isNull()) {
            location = Optional.of(Location.parse(WireJson.requireString(o, "location-string", ctx, Location.MAX_BYTES)));
        }
        return new DirectoryHandshake(appName, directory, min, max, features, accepted,
                Nick.parse(nickText), network, motd, location);
    }

    /**
     * Whether a client should stay connected (2.4): accepted, app name {@code joinmarket},
     * a directory, version 5 within [min, max], same network.
     */
    public void checkAsClient(String expectedNetwork) throws ProtocolException {
        if (!accepted) {
            throw new ProtocolException(Reason.INVALID, "dn-handshake.accepted", "directory rejected us: " + motd);
        }
        if (!Handshake.APP_NAME.equalsIgnoreCase(appName)) {
            throw new ProtocolException(Reason.INVALID, "dn-handshake.app-name", "not joinmarket");
        }
        if (!directory) {
            throw new ProtocolException(Reason.INVALID, "dn-handshake.directory", "peer is not a directory");
        }
        if (Handshake.PROTOCOL_VERSION < protoVerMin || Handshake.PROTOCOL_VERSION > protoVerMax) {
            throw new ProtocolException(Reason.INVALID, "dn-handshake.proto-ver",
                    "version " + Handshake.PROTOCOL_VERSION + " not in [" + protoVerMin + ", " + protoVerMax + "]");
        }
        if (!network.equals(expectedNetwork)) {
            throw new ProtocolException(Reason.INVALID, "dn-handshake.network",
                    "directory is on " + network + ", we are on " + expectedNetwork);
        }
    }

    /** The {@code line} text, byte-exact as a Python directory writes it. */
    public String toLineJson() {
        WireJson.PyObject o = new WireJson.PyObject()
                .str("app-name", appName)
                .bool("directory", directory)
                .num("proto-ver-min", protoVerMin)
                .num("proto-ver-max", protoVerMax)
                .raw("features", features.toJson())
                .bool("accepted", accepted)
                .str("nick", nick.value())
                .str("network", network)
                .str("motd", motd);
        location.ifPresent(l -> o.str("location-string", l.toWire()));
        return o.toString();
    }

    public Envelope toEnvelope() {
        return Envelope.of(MessageType.DN_HANDSHAKE, toLineJson());
    }
}
