package jm.chain;

import java.util.Arrays;
import java.util.HexFormat;
import jm.core.Sats;

/**
 * An unspent output as {@code gettxout} describes it.
 *
 * @param value         amount
 * @param scriptPubKey  raw output script (copied in and out)
 * @param confirmations 0 when created by a mempool transaction
 * @param coinbase      whether it is a coinbase output
 */
public record TxOutInfo(Sats value, byte[] scriptPubKey, int confirmations, boolean coinbase) {
    public TxOutInfo {
        scriptPubKey = scriptPubKey.clone();
        if (confirmations < 0) {
            throw new IllegalArgumentException("negative confirmations");
        }
    }

    @Override
    public byte[] scriptPubKey() {
        return scriptPubKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TxOutInfo t && t.value.equals(value) && Arrays.equals(t.scriptPubKey, scriptPubKey)
                && t.confirmations == confirmations && t.coinbase == coinbase;
    }

    @Override
    public int hashCode() {
        return value.hashCode() * 31 + Arrays.hashCode(scriptPubKey);
    }

    @Override
    public String toString() {
        return "TxOutInfo[" + value + ", spk=" + HexFormat.of().formatHex(scriptPubKey) + ", conf="
                + confirmations + (coinbase ? ", coinbase" : "") + "]";
    }
}
