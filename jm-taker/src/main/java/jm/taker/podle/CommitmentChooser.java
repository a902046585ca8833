package jm.taker.podle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import jm.core.OutPoint;
import jm.core.Sats;

/**
 * Picks the PoDLE commitment for a CoinJoin (PROTOCOL.md 7.5): a UTXO of ours with enough
 * confirmations and value, at the lowest NUMS index whose commitment was never used. UTXOs
 * that are inputs of this CoinJoin are tried first, then the others, larger value first.
 * Pure apart from the store lookups.
 */
public final class CommitmentChooser {

    /** One of our coins that could carry the commitment. */
    public record Candidate(OutPoint utxo, Sats value, int confirmations, boolean isInput) {
        public Candidate {
            Objects.requireNonNull(utxo);
            Objects.requireNonNull(value);
        }
    }

    private final PodleParams params;

    public CommitmentChooser(PodleParams params) {
        this.params = Objects.requireNonNull(params);
    }

    public PodleParams params() {
        return params;
    }

    /** Candidates that meet the age and value rules, in preference order. */
    public List<Candidate> eligible(List<Candidate> candidates, Sats amount) {
        long minValue = params.minValue(amount.value());
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.confirmations() >= params.minConfirmations() && c.value().value() >= minValue) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparing((Candidate c) -> !c.isInput())
                .thenComparing(Comparator.comparingLong((Candidate c) -> c.value().value()).reversed())
                .thenComparing(Candidate::utxo));
        return out;
    }

    /** Chooses the first unused (utxo, index) commitment, or says why none exists. */
    public CommitmentChoice choose(List<Candidate> candidates, Sats amount, CommitmentSource source,
            UsedCommitmentStore used) {
        if (candidates.isEmpty()) {
            return new CommitmentChoice.Unavailable(CommitmentChoice.Reason.NO_UTXOS, "no coins to commit to");
        }
        boolean oldEnough = candidates.stream().anyMatch(c -> c.confirmations() >= params.minConfirmations());
        if (!oldEnough) {
            return new CommitmentChoice.Unavailable(CommitmentChoice.Reason.NONE_OLD_ENOUGH,
                    "no coin has " + params.minConfirmations() + " confirmations (taker_utxo_age)");
        }
        List<Candidate> ok = eligible(candidates, amount);
        if (ok.isEmpty()) {
            return new CommitmentChoice.Unavailable(CommitmentChoice.Reason.NONE_LARGE_ENOUGH,
                    "no coin with " + params.minConfirmations() + " confirmations is worth at least "
                            + params.minValue(amount.value()) + " sats (" + params.amountPercent()
                            + "% of the amount, taker_utxo_amtpercent)");
        }
        for (Candidate c : ok) {
            for (int i = 0; i < params.tries(); i++) {
                String hex = source.commitmentHex(c.utxo(), i);
                if (!used.isUsed(hex)) {
                    return new CommitmentChoice.Chosen(c.utxo(), i, hex);
                }
            }
        }
        return new CommitmentChoice.Unavailable(CommitmentChoice.Reason.ALL_USED,
                "every commitment of the " + ok.size() + " eligible coins (indices 0.." + (params.tries() - 1)
                        + ") was already used");
    }
}
