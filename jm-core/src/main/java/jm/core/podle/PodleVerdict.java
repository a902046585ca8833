package jm.core.podle;

/** The outcome of verifying a PoDLE revelation against a commitment. */
public sealed interface PodleVerdict {

    /** The proof holds for NUMS index {@code index}. */
    record Accepted(int index) implements PodleVerdict {
    }

    /** The proof does not hold; {@code reason} says which check failed. */
    record Rejected(Reason reason, String detail) implements PodleVerdict {
    }

    enum Reason {
        /** SHA-256(P2) differs from the commitment of {@code !fill}. */
        COMMITMENT_MISMATCH,
        /** s is 0 or not below the group order. */
        S_OUT_OF_RANGE,
        /** P or P2 is not a valid point. */
        INVALID_POINT,
        /** No accepted NUMS index makes the proof verify. */
        NO_INDEX_VERIFIES
    }

    default boolean isAccepted() {
        return this instanceof Accepted;
    }
}
