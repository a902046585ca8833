package jm.taker.bond;

import java.util.Objects;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.Sats;

/**
 * A fidelity bond whose proof and UTXO verified.
 *
 * @param maker            the maker nick the proof is bound to
 * @param utxo             the bond UTXO
 * @param amount           the UTXO's value
 * @param locktime         the freeze script's locktime (Unix seconds)
 * @param certExpiry       the certificate expiry, in retarget periods (2016 blocks)
 * @param utxoPub          the freeze script's public key (compressed, 33 bytes)
 * @param confirmations    the UTXO's confirmations when checked
 * @param confirmationTime header time of the confirming block (Unix seconds)
 * @param value            the bond value (a selection weight, PROTOCOL.md 10.4)
 */
public record VerifiedBond(Nick maker, OutPoint utxo, Sats amount, long locktime, int certExpiry, byte[] utxoPub,
                           int confirmations, long confirmationTime, double value) {
    public VerifiedBond {
        Objects.requireNonNull(maker, "maker");
        Objects.requireNonNull(utxo, "utxo");
        Objects.requireNonNull(amount, "amount");
        utxoPub = utxoPub.clone();
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("bond value must be positive and finite");
        }
    }

    @Override
    public byte[] utxoPub() {
        return utxoPub.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifiedBond b && maker.equals(b.maker) && utxo.equals(b.utxo) && amount.equals(b.amount)
                && locktime == b.locktime && certExpiry == b.certExpiry && java.util.Arrays.equals(utxoPub, b.utxoPub)
                && confirmations == b.confirmations && confirmationTime == b.confirmationTime
                && Double.compare(value, b.value) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maker, utxo, locktime);
    }
}
