package jm.taker.session;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jm.core.Nick;
import jm.core.Sats;
import org.bitcoinj.base.Sha256Hash;

/**
 * What happened: success with the transaction's figures, or failure with the reason. Coins
 * are unlocked in every failure case before the report is produced.
 *
 * @param success        whether the CoinJoin was broadcast (and confirmed if waited for)
 * @param failedPhase    on failure, the phase that failed
 * @param failure        on failure, why (one sentence)
 * @param txid           the CoinJoin's txid once built
 * @param amount         the equal output amount
 * @param makerFees      fee per maker that took part
 * @param miningFee      the transaction's mining fee (all parties)
 * @param totalCost      what it cost us: maker fees + our share of the mining fee
 * @param confirmations  confirmations seen at the end
 * @param dropped        makers dropped along the way, with the reason
 * @param attempts       how many fill rounds were needed
 */
public record CoinJoinReport(boolean success, Optional<Phase> failedPhase, Optional<String> failure,
        Optional<Sha256Hash> txid, Sats amount, Map<Nick, Sats> makerFees, Sats miningFee, Sats totalCost,
        int confirmations, Map<Nick, String> dropped, int attempts) {
    public CoinJoinReport {
        Objects.requireNonNull(failedPhase);
        Objects.requireNonNull(failure);
        Objects.requireNonNull(txid);
        Objects.requireNonNull(amount);
        makerFees = Map.copyOf(makerFees);
        Objects.requireNonNull(miningFee);
        Objects.requireNonNull(totalCost);
        dropped = Map.copyOf(dropped);
    }

    /** Lines for humans. */
    public List<String> summary() {
        if (!success) {
            return List.of("CoinJoin failed in phase " + failedPhase.map(Enum::name).orElse("?") + ": "
                    + failure.orElse("unknown"));
        }
        java.util.ArrayList<String> lines = new java.util.ArrayList<>();
        lines.add("txid:          " + txid.map(Sha256Hash::toString).orElse("-"));
        lines.add("equal amount:  " + amount.value() + " sats");
        makerFees.forEach((n, f) -> lines.add("maker fee:     " + n + " " + f.value() + " sats"));
        lines.add("mining fee:    " + miningFee.value() + " sats");
        lines.add("total cost:    " + totalCost.value() + " sats");
        lines.add("confirmations: " + confirmations);
        return lines;
    }
}
