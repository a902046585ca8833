package jm.taker.podle;

import java.util.Objects;
import jm.core.OutPoint;

/** The outcome of choosing a PoDLE commitment. */
public sealed interface CommitmentChoice {

    /** Use this UTXO at this index; the commitment is not used yet. */
    record Chosen(OutPoint utxo, int index, String commitmentHex) implements CommitmentChoice {
        public Chosen {
            Objects.requireNonNull(utxo);
            Objects.requireNonNull(commitmentHex);
        }
    }

    /** No commitment is possible, and why. */
    record Unavailable(Reason reason, String detail) implements CommitmentChoice {
    }

    enum Reason {
        NO_UTXOS,
        NONE_OLD_ENOUGH,
        NONE_LARGE_ENOUGH,
        ALL_USED
    }
}
