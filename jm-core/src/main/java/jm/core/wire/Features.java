package jm.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;

/**
 * Feature flags a peer advertised (PROTOCOL.md 2.5): the names whose JSON value in the
 * handshake {@code features} object was {@code true}. Unknown names are kept (callers act only
 * on names they know).
 *
 * @param names feature names, each matching {@code [a-z0-9_]+}; kept sorted
 */
public record Features(Set<String> names) {
    public static final String PEERLIST_FEATURES = "peerlist_features";
    public static final String PING = "ping";
    public static final String NEUTRINO_COMPAT = "neutrino_compat";
    public static final String NICK_AUTH = "nick_auth";
    public static final Features NONE = new Features(Set.of());
    /** Most entries accepted in a features object (joinmarket-rs limit). */
    public static final int MAX_ENTRIES = 32;
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_STRING_VALUE_BYTES = 512;

    public Features {
        TreeSet<String> copy = new TreeSet<>();
        for (String n : names) {
            if (!isValidName(n)) {
                throw new IllegalArgumentException("invalid feature name: " + n);
            }
            copy.add(n);
        }
        names = Collections.unmodifiableSortedSet(copy);
    }

    public static Features of(String... names) {
        return new Features(Set.of(names));
    }

    public boolean has(String name) {
        return names.contains(name);
    }

    static boolean isValidName(String n) {
        if (n == null || n.isEmpty() || n.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a handshake {@code features} object: at most 32 entries, names {@code [a-z0-9_]+},
     * scalar values only (strings at most 512 bytes); names with value {@code true} count.
     */
    public static Features fromJson(JsonNode node, String field) throws ProtocolException {
        if (node == null) {
            throw new ProtocolException(Reason.MISSING_FIELD, field, "missing");
        }
        if (!node.isObject()) {
            throw new ProtocolException(Reason.MALFORMED, field, "expected a JSON object");
        }
        ObjectNode o = (ObjectNode) node;
        if (o.size() > MAX_ENTRIES) {
            throw new ProtocolException(Reason.OVERSIZED, field, "more than " + MAX_ENTRIES + " entries");
        }
        TreeSet<String> names = new TreeSet<>();
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (!isValidName(name)) {
                throw new ProtocolException(Reason.MALFORMED, field, "invalid feature name (expected [a-z0-9_]+, at most "
                        + MAX_NAME_LENGTH + " chars)");
            }
            if (v.isContainerNode()) {
                throw new ProtocolException(Reason.MALFORMED, field + "." + name, "feature value must be a scalar");
            }
            if (v.isTextual() && WireJson.utf8Length(v.textValue()) > MAX_STRING_VALUE_BYTES) {
                throw new ProtocolException(Reason.OVERSIZED, field + "." + name, "string value longer than "
                        + MAX_STRING_VALUE_BYTES + " bytes");
            }
            if (v.isBoolean() && v.booleanValue()) {
                names.add(name);
            }
        }
        return new Features(names);
    }

    /** Reads the {@code features} object of a handshake, see {@link #fromJson(JsonNode, String)}. */
    public static Features parse(ObjectNode features) throws ProtocolException {
        return fromJson(features, "features");
    }

    /** The handshake form {@code {"a": true, "b": true}} (Python json.dumps layout, sorted). */
    public String toJson() {
        if (names.isEmpty()) {
            return "{}";
        }
        WireJson.PyObject o = new WireJson.PyObject();
        for (String n : names) {
            o.bool(n, true);
        }
        return o.toString();
    }

    /** The peerlist form {@code a+b+c} (sorted, joined with '+'), without the {@code F:} prefix. */
    public String toPeerlistField() {
        return String.join("+", names);
    }

    /** Parses the peerlist form {@code a+b+c} (without {@code F:}); empty means no features. */
    public static Features fromPeerlistField(String s) throws ProtocolException {
        if (s.isEmpty()) {
            return NONE;
        }
        String[] parts = s.split("\\+", -1);
        if (parts.length > MAX_ENTRIES) {
            throw new ProtocolException(Reason.OVERSIZED, "peerlist.features", "more than " + MAX_ENTRIES + " features");
        }
        TreeSet<String> names = new TreeSet<>();
        for (String p : parts) {
            if (!isValidName(p)) {
                throw new ProtocolException(Reason.MALFORMED, "peerlist.features", "invalid feature name");
            }
            names.add(p);
        }
        return new Features(names);
    }
}
