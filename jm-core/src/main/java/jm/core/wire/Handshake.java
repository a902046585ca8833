package jm.core.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Set;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;

/**
 * The client HANDSHAKE (type 793, PROTOCOL.md 2.1), sent by makers and takers to directories
 * and by both sides of a direct peer connection. Its {@code line} is itself JSON text.
 *
 * <p>{@link #parse} checks syntax and field limits only; whether the handshake is acceptable
 * (app name, protocol version, network, directory flag) is {@link #checkPeer(String)}.
 *
 * @param appName  {@code joinmarket} for compatible peers (NG compares case-insensitively)
 * @param directory must be false for clients
 * @param location  where the sender accepts direct connections
 * @param protoVer  {@link #PROTOCOL_VERSION} for compatible peers
 * @param features  advertised features
 * @param nick      the sender's nick (a hint only until a signed message proves it)
 * @param network   announced network name: one of {@link #NETWORK_NAMES}; configured
 *                  independently of the chain (reference regtest peers announce testnet)
 */
public record Handshake(String appName, boolean directory, Location location, int protoVer,
                        Features features, Nick nick, String network) {
    public static final String APP_NAME = "joinmarket";
    public static final int PROTOCOL_VERSION = 5;
    public static final Set<String> NETWORK_NAMES = Set.of("mainnet", "testnet", "signet", "regtest");
    /** Longest app-name, network and nick (bytes), joinmarket-rs limits. */
    public static final int MAX_SHORT_FIELD_BYTES = 64;

    public Handshake {
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(nick, "nick");
        if (appName.isEmpty() || WireJson.utf8Length(appName) > MAX_SHORT_FIELD_BYTES) {
            throw new IllegalArgumentException("app-name must be 1.." + MAX_SHORT_FIELD_BYTES + " bytes");
        }
        if (!NETWORK_NAMES.contains(network)) {
            throw new IllegalArgumentException("unknown network name: " + network);
        }
    }

    /** Our own handshake as a maker or taker. */
    public static Handshake client(Nick nick, Location location, String network, Features features) {
        return new Handshake(APP_NAME, false, location, PROTOCOL_VERSION, features, nick, network);
    }

    /** Parses the {@code line} of a type-793 envelope. */
    public static Handshake parse(String lineJson) throws ProtocolException {
        ObjectNode o = WireJson.readObject(lineJson, "handshake");
        String ctx = "handshake";
        String appName = WireJson.requireString(o, "app-name", ctx, MAX_SHORT_FIELD_BYTES);
        if (appName.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, ctx + ".app-name", "empty");
        }
        boolean directory = WireJson.requireBoolean(o, "directory", ctx);
        String loc = WireJson.requireString(o, "location-string", ctx, Location.MAX_BYTES);
        int protoVer = WireJson.requireInt(o, "proto-ver", ctx);
        Features features = Features.fromJson(o.get("features"), ctx + ".features");
        String nickText = WireJson.requireString(o, "nick", ctx, MAX_SHORT_FIELD_BYTES);
        String network = parseNetwork(WireJson.requireString(o, "network", ctx, MAX_SHORT_FIELD_BYTES), ctx);
        Location location = Location.parse(loc);
        Nick nick = Nick.parse(nickText);
        return new Handshake(appName, directory, location, protoVer, features, nick, network);
    }

    static String parseNetwork(String network, String ctx) throws ProtocolException {
        if (!NETWORK_NAMES.contains(network)) {
            if (NETWORK_NAMES.contains(network.toLowerCase(java.util.Locale.ROOT))) {
                throw new ProtocolException(Reason.BAD_ENCODING, ctx + ".network", "network name must be lowercase");
            }
            throw new ProtocolException(Reason.INVALID, ctx + ".network",
                    "expected mainnet, testnet, signet or regtest");
        }
        return network;
    }

    /**
     * Whether this peer handshake makes the connection usable for us (2.4): app name
     * {@code joinmarket} (case-insensitive), not a directory, protocol version 5, same network.
     */
    public void checkPeer(String expectedNetwork) throws ProtocolException {
        if (!APP_NAME.equalsIgnoreCase(appName)) {
            throw new ProtocolException(Reason.INVALID, "handshake.app-name", "not joinmarket");
        }
        if (directory) {
            throw new ProtocolException(Reason.INVALID, "handshake.directory", "a client handshake must not claim to be a directory");
        }
        if (protoVer != PROTOCOL_VERSION) {
            throw new ProtocolException(Reason.INVALID, "handshake.proto-ver", "unsupported protocol version " + protoVer);
        }
        if (!network.equals(expectedNetwork)) {
            throw new ProtocolException(Reason.INVALID, "handshake.network",
                    "peer is on " + network + ", we are on " + expectedNetwork);
        }
    }

    /** The {@code line} text, byte-exact as a Python peer writes it. */
    public String toLineJson() {
        return new WireJson.PyObject()
                .str("app-name", appName)
                .bool("directory", directory)
                .str("location-string", location.toWire())
                .num("proto-ver", protoVer)
                .raw("features", features.toJson())
                .str("nick", nick.value())
                .str("network", network)
                .toString();
    }

    /** The envelope carrying this handshake. */
    public Envelope toEnvelope() {
        return Envelope.of(MessageType.HANDSHAKE, toLineJson());
    }
}
