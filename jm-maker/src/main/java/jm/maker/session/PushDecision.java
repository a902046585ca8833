package jm.maker.session;

import java.util.Objects;

/** Whether a {@code !push} may be broadcast (PROTOCOL.md 8.5, NG rule). */
public sealed interface PushDecision {

    /** Broadcast these bytes: they spend the transaction we signed for this taker. */
    record Broadcast(byte[] rawTx) implements PushDecision {
        public Broadcast {
            rawTx = rawTx.clone();
        }

        @Override
        public byte[] rawTx() {
            return rawTx.clone();
        }
    }

    record Refused(Reason reason) implements PushDecision {
        public Refused {
            Objects.requireNonNull(reason);
        }
    }

    enum Reason {
        /** Not base64 or not a transaction. */
        UNPARSABLE,
        /** Its txid is not one we signed for this nick. */
        NEVER_SIGNED,
        /** Already pushed once. */
        ALREADY_PUSHED,
        /** Signed longer ago than the pending window. */
        EXPIRED
    }
}
