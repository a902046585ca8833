package jm.directory.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import jm.core.ProtocolException;
import jm.core.wire.Handshake;
import jm.core.wire.Location;
import jm.core.wire.NotServing;
import jm.core.wire.OnionLocation;
import jm.core.wire.TcpLocation;
import jm.core.wire.WireJson;
import jm.directory.metrics.RejectReason;

/**
 * How the directory reads a client HANDSHAKE (793, PROTOCOL.md 2.1): jm-core's
 * {@link Handshake#parse} and {@link Handshake#checkPeer}, with one NG tolerance on top, an empty
 * {@code location-string} read as {@code NOT-SERVING-ONION} (1.4), and the directory's rule for
 * announced locations ({@link #check}).
 *
 * <p>Locations a directory accepts, since it hands them on in peer lists and takers connect to
 * them: {@code NOT-SERVING-ONION} always; in Tor mode a v3 {@code onion:port}; in local mode a
 * loopback {@code host:port} ({@code 127.x.x.x} or {@code localhost}). Anything else would make
 * the directory point takers at hosts of the announcer's choosing.
 */
final class ClientHello {
    private static final String NETWORK_FIELD = "handshake.network";

    private ClientHello() {
    }

    /** Parses and checks a client handshake for a directory on {@code network}. */
    static Handshake accept(String line, String network) throws ProtocolException {
        Handshake h = parse(line);
        h.checkPeer(network);
        return h;
    }

    /** Syntax only: all seven keys with the right JSON types and limits. */
    static Handshake parse(String line) throws ProtocolException {
        try {
            return Handshake.parse(line);
        } catch (ProtocolException e) {
            if (e.reason() != ProtocolException.Reason.MISSING_FIELD || !"location".equals(e.field())) {
                throw e;
            }
            // rare path (an empty location string): read the object once more and substitute
            ObjectNode o = WireJson.readObject(line, "handshake");
            JsonNode loc = o.get("location-string");
            if (loc == null || !loc.isTextual() || !loc.textValue().isEmpty()) {
                throw e;
            }
            o.put("location-string", Location.NOT_SERVING_ONION);
            return Handshake.parse(o.toString());
        }
    }

    /** Why a parsed handshake is refused: the metric it counts under and the text for the peer. */
    record Refusal(RejectReason reason, String text) {
    }

    /**
     * Whether a directory on {@code network} in local ({@code localMode}) or Tor mode refuses a
     * parsed handshake, and why: incompatible (app, directory flag, version), another network,
     * or a location it does not hand on.
     */
    static Optional<Refusal> check(Handshake h, String network, boolean localMode) {
        if (!h.network().equals(network)) {
            return Optional.of(new Refusal(RejectReason.WRONG_NETWORK,
                    "this directory runs " + network + ", you announced " + h.network()));
        }
        try {
            h.checkPeer(network);
        } catch (ProtocolException e) {
            return Optional.of(new Refusal(rejectReason(e), e.getMessage()));
        }
        return locationProblem(h.location(), localMode).map(t -> new Refusal(RejectReason.BAD_LOCATION, t));
    }

    /** Why a directory in this mode does not accept {@code location}, if it does not. */
    static Optional<String> locationProblem(Location location, boolean localMode) {
        if (location instanceof NotServing) {
            return Optional.empty();
        }
        if (localMode) {
            return location instanceof TcpLocation t && isLoopback(t.host()) ? Optional.empty()
                    : Optional.of("location " + location.toWire() + " is not a loopback host:port; a local-mode "
                    + "directory accepts 127.x.x.x:PORT, localhost:PORT or " + Location.NOT_SERVING_ONION);
        }
        return location instanceof OnionLocation ? Optional.empty()
                : Optional.of("location " + location.toWire() + " is not an onion address; a Tor directory "
                + "accepts <v3 onion>.onion:PORT or " + Location.NOT_SERVING_ONION);
    }

    /** {@code localhost} or a dotted-quad IPv4 address in 127.0.0.0/8 (no name resolution). */
    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The metric a refused handshake counts under: a network mismatch, or anything else. */
    static RejectReason rejectReason(ProtocolException e) {
        boolean network = NETWORK_FIELD.equals(e.field()) && (e.reason() == ProtocolException.Reason.INVALID
                || e.reason() == ProtocolException.Reason.BAD_ENCODING);
        return network ? RejectReason.WRONG_NETWORK : RejectReason.BAD_HANDSHAKE;
    }
}
