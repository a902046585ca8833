package jm.taker.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jm.core.Sats;
import jm.taker.fee.MiningFeePolicy;
import jm.taker.podle.CommitmentChoice;
import jm.taker.podle.CommitmentChooser;
import jm.taker.podle.CommitmentSource;
import jm.taker.podle.UsedCommitmentStore;

/**
 * The check made before any network work (issue 7, item 1): can this mixdepth fund the
 * CoinJoin with eligible coins, and is there a coin fit for a PoDLE commitment? Pure; the
 * answer names exactly what is missing.
 */
public final class Preflight {
    /** A CoinJoin amount must exceed the makers' minimum size floor. */
    public static final long MIN_AMOUNT = 27_300;

    private Preflight() {
    }

    /**
     * @param minFeeSats a lower bound of our mining fee (e.g. a small CoinJoin at the floor rate)
     * @return empty when fine, else the reason
     */
    public static Optional<String> check(CoinJoinRequest req, int mixdepths, List<OwnCoin> coins, Sats minFeeSats,
            CommitmentChooser chooser, CommitmentSource commitments, UsedCommitmentStore used) {
        if (req.mixdepth() >= mixdepths) {
            return Optional.of("mixdepth " + req.mixdepth() + " does not exist (the wallet has " + mixdepths + ")");
        }
        if (!req.sweep() && req.amount().value() <= MIN_AMOUNT) {
            return Optional.of("amount " + req.amount().value() + " sats is too small: makers accept only amounts above "
                    + MIN_AMOUNT + " sats");
        }
        List<OwnCoin> spendable = new ArrayList<>();
        int unconfirmed = 0;
        int frozen = 0;
        List<OwnCoin> reserved = new ArrayList<>();
        int bonds = 0;
        long total = 0;
        for (OwnCoin c : coins) {
            if (c.bond()) {
                bonds++;
            } else if (c.frozen()) {
                frozen++;
            } else if (c.locked()) {
                reserved.add(c);
            } else if (c.confirmations() < 1) {
                unconfirmed++;
            } else {
                spendable.add(c);
                total += c.value().value();
            }
        }
        if (spendable.isEmpty()) {
            return Optional.of("mixdepth " + req.mixdepth() + " has no spendable coins (" + coins.size() + " coins: "
                    + unconfirmed + " unconfirmed, " + frozen + " frozen, " + reserved.size() + " reserved, " + bonds
                    + " fidelity bonds)" + reservedNote(reserved));
        }
        long needed = req.sweep() ? MIN_AMOUNT + 1 + minFeeSats.value()
                : req.amount().value() + minFeeSats.value();
        if (total < needed) {
            return Optional.of("mixdepth " + req.mixdepth() + " has " + total + " sats in " + spendable.size()
                    + " spendable coins; " + (req.sweep() ? "a sweep" : "a CoinJoin of " + req.amount().value()
                    + " sats") + " needs at least " + needed + " sats before maker fees"
                    + (unconfirmed + frozen + reserved.size() > 0 ? " (" + unconfirmed + " unconfirmed, " + frozen
                            + " frozen, " + reserved.size() + " reserved coins not counted)" : "")
                    + reservedNote(reserved));
        }
        Sats commitAmount = req.sweep() ? Sats.of(total) : req.amount();
        List<CommitmentChooser.Candidate> candidates = new ArrayList<>();
        for (OwnCoin c : spendable) {
            candidates.add(new CommitmentChooser.Candidate(c.outpoint(), c.value(), c.confirmations(), true));
        }
        CommitmentChoice choice = chooser.choose(candidates, commitAmount, commitments, used);
        if (choice instanceof CommitmentChoice.Unavailable u) {
            return Optional.of("no coin of mixdepth " + req.mixdepth() + " can carry a PoDLE commitment: " + u.detail()
                    + reservedNote(reserved));
        }
        return Optional.empty();
    }

    /** Names reserved coins, which are neither spendable nor candidates for a commitment, and how to free them. */
    private static String reservedNote(List<OwnCoin> reserved) {
        if (reserved.isEmpty()) {
            return "";
        }
        return "; reserved, so not usable: " + reserved.stream().map(c -> c.outpoint().toWire()).toList()
                + " (`jm wallet info --coins` shows why, `jm wallet release` frees them)";
    }

    /** Smallest plausible mining fee: 1 input, 3 outputs at the floor rate. */
    public static Sats minimumFee(MiningFeePolicy policy) {
        return MiningFeePolicy.feeFor(MiningFeePolicy.estimateVsize(1, 3), policy.minSatPerKvb());
    }
}
