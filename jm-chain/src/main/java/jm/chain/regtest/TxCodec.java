package jm.chain.regtest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import jm.core.OutPoint;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.base.VarInt;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;

/** Transaction bytes: decoding as Core does, the non-witness serialisation, little-endian fields. */
final class TxCodec {
    private TxCodec() {
    }

    static Transaction decode(byte[] raw) throws RpcError {
        try {
            ByteBuffer buf = ByteBuffer.wrap(raw);
            Transaction tx = Transaction.read(buf);
            if (buf.hasRemaining() || tx.getInputs().isEmpty()) {
                throw new IllegalArgumentException("trailing bytes or no inputs");
            }
            return tx;
        } catch (RuntimeException e) {
            throw new RpcError(RpcError.DESERIALIZATION_ERROR,
                    "TX decode failed. Make sure the tx has at least one input.");
        }
    }

    /** A complete legacy serialization with zero inputs: version, 0x00, outputs, locktime. */
    static boolean isLegacyWithoutInputs(byte[] raw) {
        if (raw.length < 10 || raw[4] != 0) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(raw, 5, raw.length - 5);
        try {
            long n = varInt(b);
            for (long i = 0; i < n; i++) {
                b.position(b.position() + 8);
                long len = varInt(b);
                if (len > b.remaining()) {
                    return false;
                }
                b.position(b.position() + (int) len);
            }
            return b.remaining() == 4;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long varInt(ByteBuffer b) {
        int first = b.get() & 0xff;
        b.order(ByteOrder.LITTLE_ENDIAN);
        return switch (first) {
            case 0xfd -> b.getShort() & 0xffff;
            case 0xfe -> b.getInt() & 0xffffffffL;
            case 0xff -> b.getLong();
            default -> first;
        };
    }

    /** Non-witness serialization of a segwit-serialized transaction (for the txid). */
    static byte[] stripWitness(byte[] segwitRaw) {
        return nonWitness(Transaction.read(ByteBuffer.wrap(segwitRaw)));
    }

    static byte[] nonWitness(Transaction tx) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.writeBytes(le32(tx.getVersion()));
        t.writeBytes(VarInt.of(tx.getInputs().size()).serialize());
        for (TransactionInput in : tx.getInputs()) {
            t.writeBytes(in.getOutpoint().hash().getReversedBytes());
            t.writeBytes(le32(in.getOutpoint().index()));
            byte[] ss = in.getScriptBytes();
            t.writeBytes(VarInt.of(ss.length).serialize());
            t.writeBytes(ss);
            t.writeBytes(le32(in.getSequenceNumber()));
        }
        t.writeBytes(VarInt.of(tx.getOutputs().size()).serialize());
        for (TransactionOutput o : tx.getOutputs()) {
            t.writeBytes(le64(o.getValue().value));
            byte[] spk = o.getScriptBytes();
            t.writeBytes(VarInt.of(spk.length).serialize());
            t.writeBytes(spk);
        }
        t.writeBytes(le32(tx.getLockTime()));
        return t.toByteArray();
    }

    static int strippedSize(Transaction tx) {
        return nonWitness(tx).length;
    }

    static byte[] le64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    static byte[] le32(long v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
    }

    static OutPoint outPoint(TransactionInput in) {
        return new OutPoint(in.getOutpoint().hash(), in.getOutpoint().index());
    }

    /** Core's {@code uint256} order: bytes compared in internal (little-endian) order. */
    static int compareUint256(Sha256Hash a, Sha256Hash b) {
        return Arrays.compareUnsigned(a.getReversedBytes(), b.getReversedBytes());
    }
}
