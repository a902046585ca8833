package jm.taker.verify;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import jm.core.OutPoint;
import jm.core.Sats;

/**
 * An input of the CoinJoin, a maker's or the taker's own: the outpoint with its value and
 * scriptPubKey as our own chain lookup or wallet reported them (never as a peer claimed).
 *
 * @param outpoint     the coin
 * @param value        its value
 * @param scriptPubKey its output script (copied in and out)
 */
public record CoinJoinInput(OutPoint outpoint, Sats value, byte[] scriptPubKey) {
    public CoinJoinInput {
        Objects.requireNonNull(outpoint, "outpoint");
        Objects.requireNonNull(value, "value");
        scriptPubKey = scriptPubKey.clone();
    }

    @Override
    public byte[] scriptPubKey() {
        return scriptPubKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoinJoinInput m && m.outpoint.equals(outpoint) && m.value.equals(value)
                && Arrays.equals(m.scriptPubKey, scriptPubKey);
    }

    @Override
    public int hashCode() {
        return outpoint.hashCode();
    }

    @Override
    public String toString() {
        return "CoinJoinInput[" + outpoint + ", " + value + ", " + HexFormat.of().formatHex(scriptPubKey) + "]";
    }
}
