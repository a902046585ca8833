package jm.core.wire;

import java.util.Optional;

/**
 * Envelope type codes (PROTOCOL.md 1.3). Three codes are local control events of the
 * reference implementation and must never be accepted from, or sent to, the network.
 */
public enum MessageType {
    PRIVMSG(685, true, true),
    PUBMSG(687, true, true),
    PEERLIST(789, true, true),
    GETPEERLIST(791, true, true),
    HANDSHAKE(793, true, true),
    DN_HANDSHAKE(795, true, true),
    PING(798, true, true),
    PONG(799, true, true),
    /** Reserved "graceful close": received and ignored, never sent (1.8). */
    DISCONNECT(801, true, false),
    NICK_AUTH_CHALLENGE(803, true, true),
    NICK_AUTH_PROOF(805, true, true),
    NICK_AUTH_RESULT(807, true, true),
    /** Local only (reference {@code connect}). */
    LOCAL_CONNECT(785, false, false),
    /** Local only (reference {@code disconnect}). */
    LOCAL_DISCONNECT(787, false, false),
    /** Local only (reference {@code connect-in}; also the reference's unimplemented PING). */
    LOCAL_CONNECT_IN(797, false, false);

    private final int code;
    private final boolean allowedOnWire;
    private final boolean sendable;

    MessageType(int code, boolean allowedOnWire, boolean sendable) {
        this.code = code;
        this.allowedOnWire = allowedOnWire;
        this.sendable = sendable;
    }

    public int code() {
        return code;
    }

    /** Whether this code may be received from the network at all (false for local codes). */
    public boolean allowedOnWire() {
        return allowedOnWire;
    }

    /** Whether a compatible peer may send this code (false for DISCONNECT and local codes). */
    public boolean sendable() {
        return sendable;
    }

    public static Optional<MessageType> fromCode(int code) {
        return Optional.ofNullable(forCode(code));
    }

    /** The type with this code, or null: for per-message hot paths (no allocation). */
    public static MessageType forCode(int code) {
        int i = code - FIRST_CODE;
        return i >= 0 && i < BY_CODE.length ? BY_CODE[i] : null;
    }

    private static final int FIRST_CODE = 685;
    private static final MessageType[] BY_CODE = new MessageType[807 - FIRST_CODE + 1];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code - FIRST_CODE] = t;
        }
    }
}
