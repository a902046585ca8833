package jm.taker.session;

import java.util.Arrays;
import java.util.Objects;
import jm.core.OutPoint;
import jm.core.Sats;

/**
 * One of our wallet's coins as the taker sees it.
 *
 * @param outpoint      the coin
 * @param value         its value
 * @param scriptPubKey  its output script (copied in and out)
 * @param confirmations 0 when unconfirmed
 * @param frozen        frozen by the user
 * @param locked        reserved by another operation
 * @param bond          a fidelity-bond output (never spent in a CoinJoin)
 */
public record OwnCoin(OutPoint outpoint, Sats value, byte[] scriptPubKey, int confirmations, boolean frozen,
        boolean locked, boolean bond) {
    public OwnCoin {
        Objects.requireNonNull(outpoint);
        Objects.requireNonNull(value);
        scriptPubKey = scriptPubKey.clone();
    }

    @Override
    public byte[] scriptPubKey() {
        return scriptPubKey.clone();
    }

    /** Spendable in a CoinJoin: confirmed, not frozen, not locked, not a bond. */
    public boolean spendable() {
        return confirmations >= 1 && !frozen && !locked && !bond;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OwnCoin c && c.outpoint.equals(outpoint) && c.value.equals(value)
                && Arrays.equals(c.scriptPubKey, scriptPubKey) && c.confirmations == confirmations
                && c.frozen == frozen && c.locked == locked && c.bond == bond;
    }

    @Override
    public int hashCode() {
        return outpoint.hashCode();
    }

    @Override
    public String toString() {
        return "OwnCoin[" + outpoint + ", " + value + ", conf " + confirmations + (frozen ? ", frozen" : "")
                + (locked ? ", locked" : "") + (bond ? ", bond" : "") + "]";
    }
}
