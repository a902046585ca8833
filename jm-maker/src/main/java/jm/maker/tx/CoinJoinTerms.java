package jm.maker.tx;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import jm.core.OutPoint;
import jm.core.Sats;

/**
 * What we agreed to in {@code !ioauth}, from our own records: the inputs we declared with their
 * values from our wallet, our CoinJoin and change scripts, and the money terms of the offer.
 *
 * @param declaredInputs our inputs ({@code U}) and their values from our wallet
 * @param scripts        scriptPubKeys of our CoinJoin and change addresses
 * @param amount         CoinJoin amount {@code A} from {@code !fill}
 * @param cjFee          our fee {@code F = cjfee_sats(offer, A)}
 * @param txFee          our tx fee contribution {@code T} (the offer's txfee)
 * @param tipHeight      current chain height, or -1 if unknown (then only time-based locktimes are refused)
 */
public record CoinJoinTerms(Map<OutPoint, Sats> declaredInputs, OwnScripts scripts, Sats amount, Sats cjFee,
                            Sats txFee, long tipHeight) {

    public CoinJoinTerms {
        Objects.requireNonNull(declaredInputs, "declaredInputs");
        if (declaredInputs.isEmpty()) {
            throw new IllegalArgumentException("no declared inputs");
        }
        declaredInputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(declaredInputs));
        Objects.requireNonNull(scripts, "scripts");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(cjFee, "cjFee");
        Objects.requireNonNull(txFee, "txFee");
        if (amount.value() == 0) {
            throw new IllegalArgumentException("zero amount");
        }
        if (tipHeight < -1) {
            throw new IllegalArgumentException("tipHeight below -1");
        }
    }

    /** {@code sum(U)} in satoshis. */
    public long declaredTotal() {
        long sum = 0;
        for (Sats s : declaredInputs.values()) {
            sum = Math.addExact(sum, s.value());
        }
        return sum;
    }

    /** {@code sum(U) - A - T + F}; may be negative when the terms are impossible. */
    public long expectedChange() {
        return declaredTotal() - amount.value() - txFee.value() + cjFee.value();
    }

    @Override
    public String toString() {
        return "CoinJoinTerms[inputs=" + declaredInputs.size() + ", cj=" + scripts.cjHex() + ", change="
                + scripts.changeHex() + ", amount=" + amount + ", cjFee=" + cjFee + ", txFee=" + txFee + "]";
    }
}
