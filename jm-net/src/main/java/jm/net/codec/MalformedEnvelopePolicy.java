package jm.net.codec;

/**
 * What the {@link EnvelopeCodec} does with a line that is not a valid envelope (PROTOCOL.md 1.2:
 * the reference and NG's directory close; NG's maker direct server ignores the line).
 */
public enum MalformedEnvelopePolicy {
    /** Close the connection (recommended, and what directories do). */
    CLOSE,
    /** Drop the line and keep the connection (tolerant peers). */
    DROP
}
