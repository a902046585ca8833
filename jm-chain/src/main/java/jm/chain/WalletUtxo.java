package jm.chain;

import java.util.Arrays;
import java.util.HexFormat;
import jm.core.OutPoint;
import jm.core.Sats;

/**
 * An unspent output of the watched wallet, as {@code listunspent} reports it.
 *
 * @param outpoint      the coin
 * @param value         amount
 * @param scriptPubKey  output script (copied in and out)
 * @param address       the address it pays, as the node prints it
 * @param confirmations 0 for a mempool coin
 */
public record WalletUtxo(OutPoint outpoint, Sats value, byte[] scriptPubKey, String address, int confirmations) {
    public WalletUtxo {
        scriptPubKey = scriptPubKey.clone();
    }

    @Override
    public byte[] scriptPubKey() {
        return scriptPubKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WalletUtxo w && w.outpoint.equals(outpoint) && w.value.equals(value)
                && Arrays.equals(w.scriptPubKey, scriptPubKey) && w.address.equals(address)
                && w.confirmations == confirmations;
    }

    @Override
    public int hashCode() {
        return outpoint.hashCode();
    }

    @Override
    public String toString() {
        return "WalletUtxo[" + outpoint + ", " + value + ", " + address + ", spk="
                + HexFormat.of().formatHex(scriptPubKey) + ", conf=" + confirmations + "]";
    }
}
