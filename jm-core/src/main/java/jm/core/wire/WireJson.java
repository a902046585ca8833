package jm.core.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Predicate;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;

/**
 * Strict JSON for peer input (duplicate keys rejected, nesting depth at most 10, bounded
 * strings and numbers, no trailing tokens) and byte-exact Python {@code json.dumps} output
 * ({@code ", "} and {@code ": "} separators, ASCII only with lowercase {@code \\uXXXX} escapes).
 */
public final class WireJson {
    /** NG rejects envelopes nested deeper than this. */
    public static final int MAX_NESTING_DEPTH = 10;

    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(Envelope.MAX_RECEIVE_LINE_BYTES)
                    .maxNumberLength(40)
                    .maxNameLength(1_000)
                    .maxDocumentLength(4L * Envelope.MAX_RECEIVE_LINE_BYTES)
                    .build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private WireJson() {
    }

    /** Parses {@code text} as one JSON object; {@code field} names it in errors. */
    public static ObjectNode readObject(String text, String field) throws ProtocolException {
        if (text == null) {
            throw new ProtocolException(Reason.MISSING_FIELD, field, "missing");
        }
        JsonNode node;
        try {
            node = STRICT.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new ProtocolException(Reason.OVERSIZED, field, "JSON exceeds limits: " + firstLine(e), e);
        } catch (Exception e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.startsWith("Duplicate field")) {
                throw new ProtocolException(Reason.DUPLICATE_FIELD, field, firstLine(e), e);
            }
            throw new ProtocolException(Reason.MALFORMED, field, "not valid JSON: " + firstLine(e), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new ProtocolException(Reason.MALFORMED, field, "empty");
        }
        if (!node.isObject()) {
            throw new ProtocolException(Reason.MALFORMED, field, "expected a JSON object");
        }
        return (ObjectNode) node;
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        String s = nl < 0 ? m : m.substring(0, nl);
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    /** A required JSON string member. */
    public static String requireString(ObjectNode o, String key, String ctx, int maxBytes) throws ProtocolException {
        String s = require(o, key, ctx, JsonNode::isTextual, "expected a string").textValue();
        if (utf8Length(s) > maxBytes) {
            throw new ProtocolException(Reason.OVERSIZED, ctx + "." + key, "longer than " + maxBytes + " bytes");
        }
        return s;
    }

    /** A required JSON boolean member. */
    public static boolean requireBoolean(ObjectNode o, String key, String ctx) throws ProtocolException {
        return require(o, key, ctx, JsonNode::isBoolean, "expected true or false").booleanValue();
    }

    /** A required JSON integer member that fits a Java int. */
    public static int requireInt(ObjectNode o, String key, String ctx) throws ProtocolException {
        JsonNode n = require(o, key, ctx, JsonNode::isIntegralNumber, "expected an integer");
        if (!n.canConvertToInt()) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, ctx + "." + key, "integer out of range");
        }
        return n.intValue();
    }

    /** Member {@code key} of {@code o}: present ({@code MISSING_FIELD} if not) and of the kind {@code expected}. */
    private static JsonNode require(ObjectNode o, String key, String ctx, Predicate<JsonNode> kind, String expected)
            throws ProtocolException {
        JsonNode n = o.get(key);
        if (n == null) {
            throw new ProtocolException(Reason.MISSING_FIELD, ctx + "." + key, "missing");
        }
        if (!kind.test(n)) {
            throw new ProtocolException(Reason.MALFORMED, ctx + "." + key, expected);
        }
        return n;
    }

    /** Length in bytes of the UTF-8 encoding of {@code s} (lone surrogates count as 3). */
    public static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Appends {@code s} as a JSON string literal exactly as Python's json.dumps (ensure_ascii). */
    public static StringBuilder appendString(StringBuilder sb, String s) {
        sb.append('"');
        return appendEscaped(sb, s).append('"');
    }

    /**
     * Appends the inside of the JSON string literal Python's {@code json.dumps(ensure_ascii=True)}
     * writes for {@code s}: {@code \" \\ \n \r \t \b \f}, every other character below 0x20 and
     * every one from 0x7f (DEL) up as lowercase {@code \\uXXXX}; characters beyond the BMP come out
     * as their surrogate pair, as Python writes them. The one escaper of the project.
     */
    public static StringBuilder appendEscaped(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        sb.append("\\u")
                                .append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb;
    }

    /** A JSON string literal as Python's json.dumps writes it. */
    public static String quote(String s) {
        return appendString(new StringBuilder(s.length() + 2), s).toString();
    }

    /** Builds a JSON object in Python json.dumps layout, keys in insertion order. */
    public static final class PyObject {
        private final StringBuilder sb = new StringBuilder("{");
        private boolean first = true;

        private StringBuilder key(String k) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            return appendString(sb, k).append(": ");
        }

        public PyObject str(String k, String v) {
            appendString(key(k), v);
            return this;
        }

        public PyObject num(String k, long v) {
            key(k).append(v);
            return this;
        }

        public PyObject bool(String k, boolean v) {
            key(k).append(v ? "true" : "false");
            return this;
        }

        /** Appends an already-serialised JSON value. */
        public PyObject raw(String k, String json) {
            key(k).append(json);
            return this;
        }

        @Override
        public String toString() {
            return sb.toString() + "}";
        }
    }
}
