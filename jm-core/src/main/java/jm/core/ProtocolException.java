package jm.core;

/**
 * Untrusted input that does not parse or validate. Parsers of peer data throw only this
 * (never an unchecked library exception), so a caller can map it to drop, disconnect or ban.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of problem; callers branch on this, never on the message text. */
    public enum Reason {
        /** Not the expected syntax (wrong field count, missing separator, not JSON, ...). */
        MALFORMED,
        /** Longer than a protocol limit. */
        OVERSIZED,
        /** Bad hex, base64, UTF-8 or number encoding, or wrong case. */
        BAD_ENCODING,
        /** A required field is missing. */
        MISSING_FIELD,
        /** A field appears twice. */
        DUPLICATE_FIELD,
        /** A value is outside its allowed range. */
        OUT_OF_RANGE,
        /** An unknown type code or command name. */
        UNKNOWN,
        /** A type code or command that must never be accepted from the wire. */
        FORBIDDEN,
        /** A cryptographic check failed (signature, MAC, proof). */
        BAD_SIGNATURE,
        /** Valid syntax, but not what the protocol allows here. */
        INVALID
    }

    private final Reason reason;
    private final String field;

    public ProtocolException(Reason reason, String field, String detail) {
        super(field + ": " + detail);
        this.reason = reason;
        this.field = field;
    }

    public ProtocolException(Reason reason, String field, String detail, Throwable cause) {
        super(field + ": " + detail, cause);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** The name of the field or element that is wrong, e.g. {@code "envelope.type"}. */
    public String field() {
        return field;
    }
}
