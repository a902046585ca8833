package jm.taker.verify;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import jm.core.OutPoint;
import jm.core.Sats;

/**
 * A verified input of the CoinJoin: the outpoint with its value and scriptPubKey as our own
 * chain lookup reported them (never as a peer claimed).
 *
 * @param outpoint     the coin
 * @param value        its value
 * @param scriptPubKey its output script (copied in and out)
 */
public record MakerInput(OutPoint outpoint, Sats value, byte[] scriptPubKey) {
    public MakerInput {
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
        return o instanceof MakerInput m && m.outpoint.equals(outpoint) && m.value.equals(value)
                && Arrays.equals(m.scriptPubKey, scriptPubKey);
    }

    @Override
    public int hashCode() {
        return outpoint.hashCode();
    }

    @Override
    public String toString() {
        return "MakerInput[" + outpoint + ", " + value + ", " + HexFormat.of().formatHex(scriptPubKey) + "]";
    }
}
