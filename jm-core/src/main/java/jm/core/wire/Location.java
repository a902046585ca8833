package jm.core.wire;

import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;

/**
 * Where a peer accepts direct connections (PROTOCOL.md 1.4): a Tor v3 onion service, a plain
 * TCP endpoint (test setups only), or nowhere ({@code NOT-SERVING-ONION}).
 */
public sealed interface Location permits OnionLocation, TcpLocation, NotServing {
    /** Longest location string accepted (joinmarket-rs limit). */
    int MAX_BYTES = 72;
    String NOT_SERVING_ONION = "NOT-SERVING-ONION";

    /** The location string as sent in handshakes and peerlists. */
    String toWire();

    /** Parses a location string received from a peer. */
    static Location parse(String s) throws ProtocolException {
        if (s == null || s.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, "location", "empty location string");
        }
        if (s.length() > MAX_BYTES) {
            throw new ProtocolException(Reason.OVERSIZED, "location", "longer than " + MAX_BYTES + " bytes");
        }
        if (s.equals(NOT_SERVING_ONION)) {
            return NotServing.INSTANCE;
        }
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new ProtocolException(Reason.MALFORMED, "location", "expected host:port or " + NOT_SERVING_ONION);
        }
        String host = s.substring(0, colon);
        int port = parsePort(s.substring(colon + 1));
        String lower = host.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".onion")) {
            if (!host.equals(lower)) {
                throw new ProtocolException(Reason.BAD_ENCODING, "location.host", "onion host must be lowercase");
            }
            if (!OnionLocation.isV3Host(host)) {
                throw new ProtocolException(Reason.MALFORMED, "location.host", "not a Tor v3 onion address");
            }
            return new OnionLocation(host, port);
        }
        if (!TcpLocation.isValidHost(host)) {
            throw new ProtocolException(Reason.MALFORMED, "location.host", "not a host name or IPv4 address");
        }
        return new TcpLocation(host, port);
    }

    private static int parsePort(String p) throws ProtocolException {
        if (p.isEmpty() || p.length() > 5) {
            throw new ProtocolException(Reason.MALFORMED, "location.port", "expected 1 to 5 digits");
        }
        int v = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < '0' || c > '9') {
                throw new ProtocolException(Reason.BAD_ENCODING, "location.port", "not a decimal number");
            }
            v = v * 10 + (c - '0');
        }
        if (v < 1 || v > 65_535) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, "location.port", "must be 1..65535");
        }
        return v;
    }
}
