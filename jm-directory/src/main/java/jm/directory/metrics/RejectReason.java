package jm.directory.metrics;

import java.util.Locale;

/** Why the directory dropped a line, refused a handshake or closed a connection (a metrics label). */
public enum RejectReason {
    /** Not JSON, or no integer {@code type} / string {@code line}. */
    MALFORMED_ENVELOPE,
    /** Line over the configured maximum. */
    OVERSIZED_LINE,
    /** JSON nested deeper than allowed. */
    JSON_TOO_DEEP,
    /** 785, 787 or 797 (local control codes) from the wire. */
    LOCAL_ONLY_TYPE,
    /** DISCONNECT 801 from the wire. */
    DISCONNECT_TYPE,
    /** A type code the directory does not handle from clients (unknown, PEERLIST, DN_HANDSHAKE, ...). */
    UNEXPECTED_TYPE,
    /** Anything but HANDSHAKE before the handshake. */
    NOT_HANDSHAKED,
    /** A handshake that does not parse or claims to be a directory / wrong app / wrong version. */
    BAD_HANDSHAKE,
    /** A handshake for another network. */
    WRONG_NETWORK,
    /** A handshake announcing a location this directory does not hand on (see ClientHello). */
    BAD_LOCATION,
    /** A handshake whose nick is held by another live connection. */
    NICK_TAKEN,
    /** A handshake without nick authentication while {@code nick_auth_mode = require_verified}. */
    NICK_AUTH_REQUIRED,
    /** A nick-authentication proof that is malformed, late, out of order or does not verify. */
    NICK_AUTH_FAILED,
    /** A handshake when max_peers are connected. */
    DIRECTORY_FULL,
    /** A second handshake on a connection. */
    REPEATED_HANDSHAKE,
    /** No handshake within the timeout. */
    HANDSHAKE_TIMEOUT,
    /** PUBMSG/PRIVMSG whose sender is not the connection's nick. */
    SPOOFED_NICK,
    /** PUBMSG/PRIVMSG that is not {@code from!to!...}. */
    MALFORMED_MESSAGE,
    /** PUBMSG carrying {@code orderbook} more than once. */
    DUPLICATE_ORDERBOOK,
    /** Over the per-connection message bucket. */
    RATE_LIMITED,
    /** Over the per-connection PUBMSG bucket. */
    PUBMSG_RATE_LIMITED,
    /** Over the per-connection {@code !orderbook} limit. */
    ORDERBOOK_RATE_LIMITED,
    /** PUBMSG dropped because the directory-wide broadcast budget is spent. */
    BROADCAST_BUDGET,
    /** GETPEERLIST while an answer is still streaming. */
    PEERLIST_BUSY,
    /** PRIVMSG to a nick that is not connected here. */
    UNKNOWN_RECIPIENT,
    /** A relay line over the 40,000-byte send limit. */
    RELAY_TOO_LONG,
    /** A write skipped because the receiving peer is not reading. */
    SLOW_PEER_SKIPPED,
    /** A connection from a banned address, or a handshake from a banned nick. */
    BANNED;

    /** Prometheus label value. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
