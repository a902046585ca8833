package jm.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;

/**
 * One line of the onion message channel: {@code {"type": N, "line": "..."}} (PROTOCOL.md 1.2),
 * framed by CRLF on the stream (the framing itself belongs to the transport).
 *
 * @param type the envelope type code; may be a code this implementation does not know
 * @param line the payload text
 */
public record Envelope(int type, String line) {
    /** Longest line (bytes, without CRLF) a compatible peer may send, and must accept. */
    public static final int MAX_LINE_BYTES = 40_000;
    /** Longest line accepted from a peer (NG's directory limit); longer lines are rejected. */
    public static final int MAX_RECEIVE_LINE_BYTES = 65_536;

    public Envelope {
        Objects.requireNonNull(line, "line");
    }

    /**
     * Builds an envelope to send. Rejects codes that must never be sent and lines whose JSON
     * form would exceed {@link #MAX_LINE_BYTES}.
     */
    public static Envelope of(MessageType type, String line) {
        if (!type.sendable()) {
            throw new IllegalArgumentException(type + " must never be sent");
        }
        Envelope e = new Envelope(type.code(), line);
        int len = WireJson.utf8Length(e.toJson());
        if (len > MAX_LINE_BYTES) {
            throw new IllegalArgumentException("envelope of " + len + " bytes exceeds " + MAX_LINE_BYTES);
        }
        return e;
    }

    /** Parses one received line given as bytes (without CRLF); the bytes must be strict UTF-8. */
    public static Envelope parse(byte[] utf8) throws ProtocolException {
        if (utf8 == null) {
            throw new ProtocolException(Reason.MISSING_FIELD, "envelope", "missing");
        }
        if (utf8.length > MAX_RECEIVE_LINE_BYTES) {
            throw new ProtocolException(Reason.OVERSIZED, "envelope",
                    utf8.length + " bytes exceeds " + MAX_RECEIVE_LINE_BYTES);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(Reason.BAD_ENCODING, "envelope", "not valid UTF-8", e);
        }
        return parse(text);
    }

    /**
     * Parses one received line (without CRLF). Unknown type codes are returned as they are
     * (receivers ignore them); the local-only codes 785, 787 and 797 are rejected.
     */
    public static Envelope parse(String json) throws ProtocolException {
        if (json == null) {
            throw new ProtocolException(Reason.MISSING_FIELD, "envelope", "missing");
        }
        if (json.length() > MAX_RECEIVE_LINE_BYTES || WireJson.utf8Length(json) > MAX_RECEIVE_LINE_BYTES) {
            throw new ProtocolException(Reason.OVERSIZED, "envelope", "line exceeds " + MAX_RECEIVE_LINE_BYTES + " bytes");
        }
        ObjectNode o = WireJson.readObject(json, "envelope");
        JsonNode t = o.get("type");
        if (t == null) {
            throw new ProtocolException(Reason.MISSING_FIELD, "envelope.type", "missing");
        }
        if (!t.isIntegralNumber()) {
            throw new ProtocolException(Reason.MALFORMED, "envelope.type", "expected an integer");
        }
        if (!t.canConvertToInt()) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, "envelope.type", "integer out of range");
        }
        int type = t.intValue();
        Optional<MessageType> known = MessageType.fromCode(type);
        if (known.isPresent() && !known.get().allowedOnWire()) {
            throw new ProtocolException(Reason.FORBIDDEN, "envelope.type",
                    "local-only code " + type + " must not come from the network");
        }
        JsonNode l = o.get("line");
        if (l == null) {
            throw new ProtocolException(Reason.MISSING_FIELD, "envelope.line", "missing");
        }
        if (!l.isTextual()) {
            throw new ProtocolException(Reason.MALFORMED, "envelope.line", "expected a string");
        }
        return new Envelope(type, l.textValue());
    }

    /** The known type of this envelope, if any. */
    public Optional<MessageType> messageType() {
        return MessageType.fromCode(type);
    }

    /** Python json.dumps form: {@code {"type": 685, "line": "..."}}, ASCII only, no CRLF. */
    public String toJson() {
        StringBuilder sb = new StringBuilder(line.length() + 32);
        sb.append("{\"type\": ").append(type).append(", \"line\": ");
        WireJson.appendString(sb, line);
        return sb.append('}').toString();
    }

    /** {@link #toJson()} plus the CRLF terminator, as UTF-8 (pure ASCII) bytes. */
    public byte[] toFrame() {
        return (toJson() + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
