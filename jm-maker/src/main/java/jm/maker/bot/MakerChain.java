package jm.maker.bot;

import java.util.Optional;
import jm.core.OutPoint;
import jm.core.Sats;
import org.bitcoinj.base.Sha256Hash;

/** What the maker needs from the chain. Blocking; called on the maker's serial executor. */
public interface MakerChain {

    /** A confirmed-or-mempool view of an unspent output (the taker's commitment UTXO). */
    Optional<Utxo> unspent(OutPoint outpoint);

    long tipHeight();

    /** Broadcasts a signed transaction; returns its txid. */
    Sha256Hash broadcast(byte[] rawTx);

    /** Confirmations of a transaction; empty if unknown. */
    Optional<Integer> confirmations(Sha256Hash txid);

    /** An unspent output. */
    record Utxo(Sats value, byte[] scriptPubKey, int confirmations) {
        public Utxo {
            scriptPubKey = scriptPubKey.clone();
        }

        @Override
        public byte[] scriptPubKey() {
            return scriptPubKey.clone();
        }
    }
}
