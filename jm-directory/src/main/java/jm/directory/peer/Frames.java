package jm.directory.peer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.wire.MessageType;
import jm.core.wire.WireJson;

/**
 * The directory's hot-path envelope codec (PROTOCOL.md 1.2): decodes one line into
 * {@code (type, line)} without building a tree, and encodes envelopes exactly as Python's
 * {@code json.dumps} would ({@code {"type": 685, "line": "..."}}, ASCII-only) followed by CRLF.
 * Relay and broadcast pre-encode once and write the same bytes to every receiver.
 */
public final class Frames {
    /** The largest line a compatible sender may emit (bytes, excluding CRLF). */
    public static final int MAX_SEND_LINE_BYTES = 40_000;

    private final JsonFactory factory;

    /** A decoder allowing at most {@code maxDepth} levels of JSON nesting. */
    public Frames(int maxDepth) {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .maxStringLength(1 << 24)
                        .maxNumberLength(32)
                        .build())
                .build();
    }

    /** A decoded envelope. */
    public record Decoded(int type, String line) {
    }

    /**
     * Decodes an envelope line (UTF-8 JSON object without CRLF). Extra keys are ignored;
     * {@code type} must be a JSON integer and {@code line} a JSON string, each exactly once.
     */
    public Decoded decode(byte[] json, int offset, int length) throws ProtocolException {
        try (JsonParser p = factory.createParser(json, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ProtocolException(Reason.MALFORMED, "envelope", "not a JSON object");
            }
            Integer type = null;
            String line = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("type".equals(name)) {
                    if (type != null) {
                        throw new ProtocolException(Reason.DUPLICATE_FIELD, "envelope.type", "appears twice");
                    }
                    if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                        throw new ProtocolException(Reason.MALFORMED, "envelope.type", "not a 32-bit integer");
                    }
                    type = p.getIntValue();
                } else if ("line".equals(name)) {
                    if (line != null) {
                        throw new ProtocolException(Reason.DUPLICATE_FIELD, "envelope.line", "appears twice");
                    }
                    if (v != JsonToken.VALUE_STRING) {
                        throw new ProtocolException(Reason.MALFORMED, "envelope.line", "not a string");
                    }
                    line = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new ProtocolException(Reason.MALFORMED, "envelope", "truncated object");
            }
            if (p.nextToken() != null) {
                throw new ProtocolException(Reason.MALFORMED, "envelope", "trailing data after the object");
            }
            if (type == null) {
                throw new ProtocolException(Reason.MISSING_FIELD, "envelope.type", "missing");
            }
            if (line == null) {
                throw new ProtocolException(Reason.MISSING_FIELD, "envelope.line", "missing");
            }
            return new Decoded(type, line);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new ProtocolException(Reason.OVERSIZED, "envelope", "JSON nesting or size limit exceeded");
        } catch (IOException e) {
            throw new ProtocolException(Reason.MALFORMED, "envelope", "not valid JSON");
        } catch (RuntimeException e) {
            throw new ProtocolException(Reason.MALFORMED, "envelope", "not valid JSON: " + e.getClass().getSimpleName());
        }
    }

    /** Encodes {@code {"type": T, "line": "..."}\r\n} as ASCII bytes. */
    public static byte[] encode(MessageType type, String line) {
        return encode(type.code(), line);
    }

    /** Encodes {@code {"type": T, "line": "..."}\r\n} as ASCII bytes, for any code. */
    public static byte[] encode(int type, String line) {
        StringBuilder sb = new StringBuilder(line.length() + 32);
        sb.append("{\"type\": ").append(type).append(", \"line\": \"");
        WireJson.appendEscaped(sb, line);
        sb.append("\"}\r\n");
        byte[] out = new byte[sb.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) sb.charAt(i);
        }
        return out;
    }

    /** Length in bytes of the envelope {@link #encode} would produce, excluding CRLF. */
    public static int encodedLineLength(byte[] encoded) {
        return encoded.length - 2;
    }
}
