package jm.wallet.coins;

import java.util.Arrays;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.wallet.keys.Branch;
import jm.wallet.keys.KeyPath;

/**
 * One unspent output of the wallet, as of the last sync.
 *
 * @param outpoint      the coin
 * @param value         amount
 * @param address       the wallet address it pays
 * @param scriptPubKey  its output script (copied)
 * @param confirmations 0 for a mempool coin
 * @param path          key path; mixdepth is {@code path.mixdepth()}
 * @param kind          ordinary wallet coin or fidelity bond
 * @param frozen        excluded from spending by the user or by reuse protection
 * @param locked        reserved by a running session
 */
public record WalletCoin(OutPoint outpoint, Sats value, String address, byte[] scriptPubKey, int confirmations,
                         KeyPath path, Kind kind, boolean frozen, boolean locked) {

    /** What a coin is. */
    public enum Kind {
        /** A P2WPKH (or P2SH-P2WPKH) coin on the external or internal branch. */
        STANDARD,
        /** A timelocked fidelity-bond coin (P2WSH); never selected for spending. */
        BOND;

        /** The kind of the coins on a key path: bonds on the bond branch. */
        public static Kind at(KeyPath path) {
            return path.branch() == Branch.BOND ? BOND : STANDARD;
        }
    }

    public WalletCoin {
        if (outpoint == null || value == null || address == null || path == null || kind == null) {
            throw new IllegalArgumentException("outpoint, value, address, path and kind are required");
        }
        scriptPubKey = scriptPubKey.clone();
        if (confirmations < 0) {
            throw new IllegalArgumentException("negative confirmations");
        }
    }

    public int mixdepth() {
        return path.mixdepth();
    }

    public long sats() {
        return value.value();
    }

    @Override
    public byte[] scriptPubKey() {
        return scriptPubKey.clone();
    }

    /** Spendable by coin selection with at least {@code minConf} confirmations. */
    public boolean eligible(int minConf) {
        return kind == Kind.STANDARD && !frozen && !locked && confirmations >= minConf;
    }

    public WalletCoin withStatus(boolean frozen, boolean locked) {
        return new WalletCoin(outpoint, value, address, scriptPubKey, confirmations, path, kind, frozen, locked);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WalletCoin c && c.outpoint.equals(outpoint) && c.value.equals(value)
                && c.address.equals(address) && Arrays.equals(c.scriptPubKey, scriptPubKey)
                && c.confirmations == confirmations && c.path.equals(path) && c.kind == kind
                && c.frozen == frozen && c.locked == locked;
    }

    @Override
    public int hashCode() {
        return outpoint.hashCode();
    }

    @Override
    public String toString() {
        return "WalletCoin[" + outpoint + ", " + value + ", " + path + ", conf=" + confirmations
                + (kind == Kind.BOND ? ", bond" : "") + (frozen ? ", frozen" : "") + (locked ? ", locked" : "") + "]";
    }
}
