package jm.maker.session;

import java.util.Objects;
import java.util.Optional;

/** Outcome of a {@code !fill} (PROTOCOL.md 8.2). */
public sealed interface FillDecision {

    /**
     * A new session; reply {@code !pubkey}. {@code replaced} is this nick's previous session, whose
     * reservations (if any) the caller must release.
     */
    record Accepted(MakerSession session, Optional<MakerSession> replaced) implements FillDecision {
        public Accepted {
            Objects.requireNonNull(session);
            Objects.requireNonNull(replaced);
        }
    }

    /**
     * Refused. {@code errorText} is what a reference maker would send as {@code !error}
     * (empty when nothing should be sent, e.g. our own taker).
     */
    record Rejected(Reason reason, String errorText) implements FillDecision {
        public Rejected {
            Objects.requireNonNull(reason);
            errorText = errorText == null ? "" : errorText;
        }
    }

    enum Reason {
        /** From a nick of our own taker (self-CoinJoin guard). */
        OWN_NICK,
        /** Commitment missing, not {@code P}-prefixed, or not 64 hex chars. */
        BAD_COMMITMENT,
        COMMITMENT_BLACKLISTED,
        /** The commitment is reserved by another taker's live session. */
        COMMITMENT_IN_USE,
        UNKNOWN_OID,
        AMOUNT_OUT_OF_RANGE,
        /** Taker box key not 64 hex chars. */
        BAD_BOX_KEY,
        /** Too many concurrent sessions. */
        TOO_MANY_SESSIONS,
        /** The same {@code !fill} again (a late second delivery) while the session it began is live: ignored. */
        DUPLICATE
    }
}
