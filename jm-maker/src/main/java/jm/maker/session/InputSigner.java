package jm.maker.session;

import jm.core.OutPoint;
import jm.core.Sats;
import org.bitcoinj.core.Transaction;

/**
 * Signs one of our inputs of a verified CoinJoin (BIP143, SIGHASH_ALL) with the amount from our
 * own wallet records. Implemented by the wallet adapter; called only after the verifier accepted.
 */
@FunctionalInterface
public interface InputSigner {

    /**
     * @return the {@code !sig} plaintext bytes before base64: the script-push blob
     *         {@code len(sig) sig len(pub) pub} for P2WPKH
     */
    byte[] sign(Transaction tx, int inputIndex, OutPoint outpoint, Sats value);
}
