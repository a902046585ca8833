package jm.taker.testing;

import java.util.Optional;
import jm.chain.TxOutInfo;
import jm.core.OutPoint;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.crypto.ECKey;

/** What scripted makers need from a chain: the in-memory {@link FakeChain} or the embedded regtest node. */
public interface TestChain {
    /** Creates an output paying {@code spk} with the given confirmations (0 = mempool). */
    OutPoint fund(byte[] spk, long value, int confirmations);

    /** Spends the P2WPKH output of {@code key} elsewhere (so that it is no longer unspent). */
    void spend(OutPoint op, ECKey key, long value);

    Sha256Hash broadcast(byte[] rawTx);

    long tipHeight();

    /** The unspent output as {@code gettxout} describes it. */
    Optional<TxOutInfo> getTxOut(OutPoint outpoint, boolean includeMempool);
}
