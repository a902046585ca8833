package jm.chain.regtest;

import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;

/**
 * A known transaction: confirmed (height >= 0) or in the mempool (height -1). Immutable: the chain
 * replaces the record when a block confirms it, so RPC threads may read one without the chain lock.
 */
final class TxRecord {
    final Transaction tx;
    final byte[] raw;
    final Sha256Hash txid;
    final boolean coinbase;
    final int height;
    final int indexInBlock;
    final long fee;
    final long timeReceived;

    private TxRecord(Transaction tx, byte[] raw, boolean coinbase, int height, int indexInBlock, long fee,
                     long timeReceived) {
        this.tx = tx;
        this.raw = raw;
        this.txid = tx.getTxId();
        this.coinbase = coinbase;
        this.height = height;
        this.indexInBlock = indexInBlock;
        this.fee = fee;
        this.timeReceived = timeReceived;
    }

    /** A transaction not (yet) in a block. */
    static TxRecord unconfirmed(Transaction tx, byte[] raw, boolean coinbase, long fee, long timeReceived) {
        return new TxRecord(tx, raw, coinbase, -1, -1, fee, timeReceived);
    }

    /** This transaction as confirmed at {@code height}, position {@code index}, paying {@code fee}. */
    TxRecord confirmed(int height, int index, long fee) {
        return new TxRecord(tx, raw, coinbase, height, index, fee, timeReceived);
    }
}
