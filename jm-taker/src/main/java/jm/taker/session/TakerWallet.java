package jm.taker.session;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.podle.PodleCommitment;
import jm.core.podle.PodleRevelation;
import org.bitcoinj.core.Transaction;

/**
 * What the taker needs from its wallet. Implemented over jm-wallet's {@code Wallet}; tests
 * use an in-memory fake. Methods may block (disk); never call them on a Netty event loop.
 */
public interface TakerWallet {

    /** Number of mixdepths. */
    int mixdepths();

    /** Every coin of the mixdepth, spendable or not (the pre-flight check explains the others). */
    List<OwnCoin> coins(int mixdepth);

    /** The coins of the mixdepth a CoinJoin may spend ({@link OwnCoin#spendable()}): what a sweep spends. */
    default List<OwnCoin> spendable(int mixdepth) {
        return coins(mixdepth).stream().filter(OwnCoin::spendable).toList();
    }

    /**
     * Chooses spendable coins of the mixdepth ({@link OwnCoin#spendable()}) worth at least
     * {@code target} (amount plus fees) for a CoinJoin, by the wallet's coin selection; empty when
     * all of them together do not cover it. Nothing is reserved yet ({@link #lock} does that).
     */
    List<OwnCoin> select(int mixdepth, Sats target);

    /**
     * A fresh internal (change branch) address of the mixdepth, reserved and persisted before
     * it is returned.
     */
    String freshInternalAddress(int mixdepth) throws IOException;

    /** Reserves coins for this CoinJoin so that nothing else spends them. */
    void lock(Collection<OutPoint> coins, String owner);

    /** Releases coins reserved by {@link #lock}. Idempotent. */
    void unlock(Collection<OutPoint> coins);

    /**
     * Signs our inputs of {@code tx} in place (P2WPKH, BIP 143, SIGHASH_ALL, values from our
     * own records).
     */
    void sign(Transaction tx, Collection<OutPoint> ours);

    /** The PoDLE commitment of one of our coins at a NUMS index. */
    PodleCommitment commitment(OutPoint coin, int index);

    /** The PoDLE proof for that commitment (revealed in {@code !auth}). */
    PodleRevelation prove(OutPoint coin, int index, SecureRandom random);
}
