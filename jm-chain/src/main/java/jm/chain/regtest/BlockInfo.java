package jm.chain.regtest;

import java.util.List;
import org.bitcoinj.base.Sha256Hash;

/** A stored block's header facts and its transactions in order. Immutable. */
final class BlockInfo {
    final Sha256Hash hash;
    final int height;
    final long version;
    final Sha256Hash prev;
    final Sha256Hash merkleRoot;
    final long time;
    final long nonce;
    final byte[] raw;
    final List<Sha256Hash> txids;
    final int weight;
    final int strippedSize;

    BlockInfo(Sha256Hash hash, int height, long version, Sha256Hash prev, Sha256Hash merkleRoot, long time,
              long nonce, byte[] raw, List<Sha256Hash> txids, int weight, int strippedSize) {
        this.hash = hash;
        this.height = height;
        this.version = version;
        this.prev = prev;
        this.merkleRoot = merkleRoot;
        this.time = time;
        this.nonce = nonce;
        this.raw = raw;
        this.txids = List.copyOf(txids);
        this.weight = weight;
        this.strippedSize = strippedSize;
    }
}
