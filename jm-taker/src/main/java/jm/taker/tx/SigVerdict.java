package jm.taker.tx;

/** What happened to one received {@code !sig} (PROTOCOL.md 9.6). */
public sealed interface SigVerdict {
    /** Verified and inserted at input {@code index}. */
    record Accepted(int index) implements SigVerdict {
    }

    /** The same signature arrived again (e.g. through a second directory); ignored. */
    record Duplicate() implements SigVerdict {
    }

    /** Not acceptable; the maker misbehaved (or sent garbage). */
    record Rejected(Reason reason, String detail) implements SigVerdict {
    }

    enum Reason {
        NOT_A_PARTICIPANT,
        MALFORMED,
        NON_CANONICAL_SIGNATURE,
        WRONG_SIGHASH,
        NO_MATCHING_INPUT
    }
}
