package jm.directory.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jm.core.ProtocolException;
import jm.core.wire.Handshake;
import jm.core.wire.Location;
import jm.core.wire.WireJson;
import jm.directory.metrics.RejectReason;

/**
 * How the directory reads a client HANDSHAKE (793, PROTOCOL.md 2.1): jm-core's
 * {@link Handshake#parse} and {@link Handshake#checkPeer}, with one NG tolerance on top, an empty
 * {@code location-string} read as {@code NOT-SERVING-ONION} (1.4). The directory's own rule for
 * plain-TCP locations on a Tor directory stays in the handler.
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

    /** The metric a refused handshake counts under: a network mismatch, or anything else. */
    static RejectReason rejectReason(ProtocolException e) {
        boolean network = NETWORK_FIELD.equals(e.field()) && (e.reason() == ProtocolException.Reason.INVALID
                || e.reason() == ProtocolException.Reason.BAD_ENCODING);
        return network ? RejectReason.WRONG_NETWORK : RejectReason.BAD_HANDSHAKE;
    }
}
