package jm.taker.tx;

import java.util.Arrays;
import java.util.Objects;
import jm.core.OutPoint;
import jm.core.Sats;

/**
 * One of the taker's own inputs.
 *
 * @param outpoint     the coin
 * @param value        its value
 * @param scriptPubKey its P2WPKH output script (copied in and out)
 */
public record TakerInput(OutPoint outpoint, Sats value, byte[] scriptPubKey) {
    public TakerInput {
        Objects.requireNonNull(outpoint);
        Objects.requireNonNull(value);
        scriptPubKey = scriptPubKey.clone();
    }

    @Override
    public byte[] scriptPubKey() {
        return scriptPubKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TakerInput t && t.outpoint.equals(outpoint) && t.value.equals(value)
                && Arrays.equals(t.scriptPubKey, scriptPubKey);
    }

    @Override
    public int hashCode() {
        return outpoint.hashCode();
    }
}
