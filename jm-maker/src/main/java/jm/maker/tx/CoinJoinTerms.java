package jm.maker.tx;

import java.util.Arrays;
import java.util.HexFormat;
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
 * @param cjScript       scriptPubKey of our CoinJoin address
 * @param changeScript   scriptPubKey of our change address
 * @param amount         CoinJoin amount {@code A} from {@code !fill}
 * @param cjFee          our fee {@code F = cjfee_sats(offer, A)}
 * @param txFee          our tx fee contribution {@code T} (the offer's txfee)
 * @param tipHeight      current chain height, or -1 if unknown (then only time-based locktimes are refused)
 */
public record CoinJoinTerms(Map<OutPoint, Sats> declaredInputs, byte[] cjScript, byte[] changeScript,
                            Sats amount, Sats cjFee, Sats txFee, long tipHeight) {

    public CoinJoinTerms {
        Objects.requireNonNull(declaredInputs, "declaredInputs");
        if (declaredInputs.isEmpty()) {
            throw new IllegalArgumentException("no declared inputs");
        }
        declaredInputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(declaredInputs));
        cjScript = Objects.requireNonNull(cjScript, "cjScript").clone();
        changeScript = Objects.requireNonNull(changeScript, "changeScript").clone();
        if (cjScript.length == 0 || changeScript.length == 0) {
            throw new IllegalArgumentException("empty script");
        }
        if (Arrays.equals(cjScript, changeScript)) {
            throw new IllegalArgumentException("CoinJoin and change scripts must differ");
        }
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

    @Override
    public byte[] cjScript() {
        return cjScript.clone();
    }

    @Override
    public byte[] changeScript() {
        return changeScript.clone();
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
    public boolean equals(Object o) {
        return o instanceof CoinJoinTerms t && t.declaredInputs.equals(declaredInputs)
                && Arrays.equals(t.cjScript, cjScript) && Arrays.equals(t.changeScript, changeScript)
                && t.amount.equals(amount) && t.cjFee.equals(cjFee) && t.txFee.equals(txFee)
                && t.tipHeight == tipHeight;
    }

    @Override
    public int hashCode() {
        return Objects.hash(declaredInputs, Arrays.hashCode(cjScript), Arrays.hashCode(changeScript), amount);
    }

    @Override
    public String toString() {
        HexFormat h = HexFormat.of();
        return "CoinJoinTerms[inputs=" + declaredInputs.size() + ", cj=" + h.formatHex(cjScript) + ", change="
                + h.formatHex(changeScript) + ", amount=" + amount + ", cjFee=" + cjFee + ", txFee=" + txFee + "]";
    }
}
