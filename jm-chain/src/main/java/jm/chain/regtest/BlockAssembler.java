package jm.chain.regtest;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.base.VarInt;

/**
 * Block assembly as Core's regtest miner does it: the mempool in ancestor-fee-rate order, a segwit
 * coinbase with the BIP34 height and witness commitment, the merkle root, and a header ground to
 * the regtest target.
 */
final class BlockAssembler {
    static final long BITS = 0x207fffffL;
    static final int HALVING_INTERVAL = 150;
    static final BigInteger TARGET = BigInteger.valueOf(0x7fffffL).shiftLeft(8 * (0x20 - 3));

    private BlockAssembler() {
    }

    /** Block subsidy at a height (regtest halves every 150 blocks). */
    static long subsidy(int height) {
        int halvings = height / HALVING_INTERVAL;
        return halvings >= 64 ? 0 : (50L * 100_000_000L) >> halvings;
    }

    /** A block on {@code prev} at {@code time} paying {@code payTo}, with as much of the mempool as fits. */
    static byte[] build(BlockInfo prev, long time, byte[] payTo, Mempool mempool) {
        int height = prev.height + 1;
        List<TxRecord> included = new ArrayList<>();
        int weight = 4 * 80 + 4000; // header + coinbase allowance
        long fees = 0;
        for (TxRecord r : blockOrder(mempool)) {
            int w = r.tx.getWeight();
            if (weight + w > TxPolicy.MAX_BLOCK_WEIGHT) {
                break; // keep topological order: stop at the first that does not fit
            }
            weight += w;
            fees += r.fee;
            included.add(r);
        }
        // witness commitment: merkle root of wtxids (coinbase's as zero) and a zero reserved value
        List<byte[]> wtxids = new ArrayList<>(included.size() + 1);
        wtxids.add(new byte[32]);
        for (TxRecord r : included) {
            wtxids.add(r.tx.getWTxId().getReversedBytes());
        }
        byte[] commitment = Sha256Hash.hashTwice(merkleRoot(wtxids), new byte[32]);
        byte[] coinbase = coinbase(height, subsidy(height) + fees, payTo, commitment);
        List<byte[]> txids = new ArrayList<>(included.size() + 1);
        txids.add(Sha256Hash.hashTwice(TxCodec.stripWitness(coinbase)));
        for (TxRecord r : included) {
            txids.add(r.txid.getReversedBytes());
        }
        byte[] merkle = merkleRoot(txids);
        ByteBuffer header = ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0x20000000).put(prev.hash.getReversedBytes()).put(merkle).putInt((int) time)
                .putInt((int) BITS).putInt(0);
        byte[] h = header.array();
        for (long nonce = 0; ; nonce++) {
            ByteBuffer.wrap(h, 76, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) nonce);
            byte[] hash = Sha256Hash.hashTwice(h);
            if (new BigInteger(1, reverse(hash)).compareTo(TARGET) <= 0) {
                break;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(80 + 300 + included.size() * 250);
        out.writeBytes(h);
        out.writeBytes(VarInt.of(included.size() + 1L).serialize());
        out.writeBytes(coinbase);
        for (TxRecord r : included) {
            out.writeBytes(r.raw);
        }
        return out.toByteArray();
    }

    /**
     * The mempool in Core's block-assembly order: repeatedly the package (a transaction with its
     * not yet included mempool ancestors) of highest ancestor fee rate, ties by the smaller txid
     * (Core's uint256 order), ancestors first.
     */
    private static List<TxRecord> blockOrder(Mempool mempool) {
        List<TxRecord> out = new ArrayList<>(mempool.size());
        Set<Sha256Hash> done = new HashSet<>();
        while (done.size() < mempool.size()) {
            TxRecord best = null;
            long bestFee = 0;
            long bestSize = 1;
            for (TxRecord r : mempool.records()) {
                if (done.contains(r.txid)) {
                    continue;
                }
                long fee = 0;
                long size = 0;
                for (TxRecord a : mempool.ancestorsAndSelf(r, done)) {
                    fee += a.fee;
                    size += a.tx.getVsize();
                }
                int cmp = best == null ? 1 : Long.compare(fee * bestSize, bestFee * size);
                if (cmp > 0 || cmp == 0 && TxCodec.compareUint256(r.txid, best.txid) < 0) {
                    best = r;
                    bestFee = fee;
                    bestSize = size;
                }
            }
            List<TxRecord> pkg = mempool.ancestorsAndSelf(best, done);
            pkg.sort(Comparator.comparingInt((TxRecord a) -> mempool.ancestorsAndSelf(a, done).size()));
            for (TxRecord a : pkg) {
                out.add(a);
                done.add(a.txid);
            }
        }
        return out;
    }

    /** A segwit coinbase: BIP34 height push, one payout, the witness commitment, a zero witness nonce. */
    private static byte[] coinbase(int height, long value, byte[] payTo, byte[] commitment) {
        // exactly Core's "CScript() << nHeight << OP_0": heights 1..16 are OP_1..OP_16, so coinbases
        // (and every transaction descending from them) get the same txids as on Core's regtest
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        if (height >= 1 && height <= 16) {
            s.write(0x50 + height);
        } else {
            byte[] heightPush = scriptNum(height);
            s.write(heightPush.length);
            s.writeBytes(heightPush);
        }
        s.write(0x00); // OP_0 extra nonce, keeps the scriptSig at least 2 bytes
        byte[] scriptSig = s.toByteArray();
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.writeBytes(new byte[] {2, 0, 0, 0, 0, 1}); // version 2, segwit marker+flag
        t.write(1);
        t.writeBytes(new byte[32]);
        t.writeBytes(new byte[] {-1, -1, -1, -1});
        t.writeBytes(VarInt.of(scriptSig.length).serialize());
        t.writeBytes(scriptSig);
        t.writeBytes(new byte[] {-1, -1, -1, -1});
        t.write(2);
        t.writeBytes(TxCodec.le64(value));
        t.writeBytes(VarInt.of(payTo.length).serialize());
        t.writeBytes(payTo);
        byte[] commitScript = new byte[38];
        commitScript[0] = 0x6a;
        commitScript[1] = 0x24;
        commitScript[2] = (byte) 0xaa;
        commitScript[3] = 0x21;
        commitScript[4] = (byte) 0xa9;
        commitScript[5] = (byte) 0xed;
        System.arraycopy(commitment, 0, commitScript, 6, 32);
        t.writeBytes(TxCodec.le64(0));
        t.write(commitScript.length);
        t.writeBytes(commitScript);
        t.write(1); // one witness item
        t.write(32);
        t.writeBytes(new byte[32]);
        t.writeBytes(new byte[4]); // locktime
        return t.toByteArray();
    }

    static byte[] merkleRoot(List<byte[]> leaves) {
        List<byte[]> level = new ArrayList<>(leaves);
        while (level.size() > 1) {
            List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                byte[] a = level.get(i);
                byte[] b = i + 1 < level.size() ? level.get(i + 1) : a;
                next.add(Sha256Hash.hashTwice(a, b));
            }
            level = next;
        }
        return level.get(0);
    }

    private static byte[] scriptNum(long v) {
        if (v == 0) {
            return new byte[0];
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        long x = v;
        while (x > 0) {
            o.write((int) (x & 0xff));
            x >>= 8;
        }
        byte[] b = o.toByteArray();
        if ((b[b.length - 1] & 0x80) != 0) {
            b = Arrays.copyOf(b, b.length + 1);
        }
        return b;
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }
}
