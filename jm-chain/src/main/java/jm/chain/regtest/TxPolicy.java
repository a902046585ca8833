package jm.chain.regtest;

import java.util.HashSet;
import java.util.Set;
import jm.core.OutPoint;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.base.VarInt;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;

/**
 * Bitcoin Core 29.3's context-free transaction rules and relay policy: limits, fee floors, dust,
 * finality, and the exact reject reasons and money formats its messages use.
 */
final class TxPolicy {
    static final long MAX_MONEY = 2_100_000_000_000_000L;
    static final int MAX_BLOCK_WEIGHT = 4_000_000;
    static final int WITNESS_SCALE_FACTOR = 4;
    static final long LOCKTIME_THRESHOLD = 500_000_000L;
    static final int COINBASE_MATURITY = 100;
    /** Core 29's -minrelaytxfee and -incrementalrelayfee: 100 sat/kvB (0.1 sat/vB). */
    static final long MIN_RELAY_FEE_SAT_PER_KVB = 100;
    static final long INCREMENTAL_RELAY_FEE_SAT_PER_KVB = 100;
    /** Core's -dustrelayfee: 3,000 sat/kvB. */
    static final long DUST_RELAY_FEE_SAT_PER_KVB = 3_000;

    private TxPolicy() {
    }

    /** Core's {@code CFeeRate::GetFee}: the fee at a rate (sat/kvB) for a size, rounded up. */
    static long feeAt(long satPerKvb, long vsize) {
        return (satPerKvb * vsize + 999) / 1000;
    }

    /** Core's {@code IsDust} at -dustrelayfee 3 sat/vB (OP_RETURN outputs are never dust). */
    static boolean isDust(TransactionOutput o) {
        byte[] spk = o.getScriptBytes();
        if (spk.length > 0 && (spk[0] & 0xff) == 0x6a || spk.length > 10_000) {
            return false;
        }
        long size = 8 + VarInt.sizeOf(spk.length) + spk.length;
        boolean witnessProgram = spk.length >= 4 && spk.length <= 42 && (spk[0] == 0 || (spk[0] & 0xff) >= 0x51
                && (spk[0] & 0xff) <= 0x60) && (spk[1] & 0xff) + 2 == spk.length;
        size += witnessProgram ? 32 + 4 + 1 + 107 / 4 + 4 : 32 + 4 + 1 + 107 + 4;
        return o.getValue().value < feeAt(DUST_RELAY_FEE_SAT_PER_KVB, size);
    }

    /** Core's {@code CFeeRate::ToString}: {@code 0.00090909 BTC/kvB}. */
    static String formatFeeRate(long satPerKvb) {
        return String.format("%d.%08d BTC/kvB", satPerKvb / 100_000_000L, satPerKvb % 100_000_000L);
    }

    static RpcError reject(String reason) {
        return new RpcError(RpcError.VERIFY_REJECTED, reason);
    }

    /** Context-free checks (Core's CheckTransaction). */
    static void checkTransaction(Transaction tx) throws RpcError {
        if (tx.getInputs().isEmpty()) {
            throw reject("bad-txns-vin-empty");
        }
        if (tx.getOutputs().isEmpty()) {
            throw reject("bad-txns-vout-empty");
        }
        if (tx.getWeight() > MAX_BLOCK_WEIGHT) {
            throw reject("bad-txns-oversize");
        }
        long total = 0;
        for (TransactionOutput o : tx.getOutputs()) {
            long v = o.getValue().value;
            if (v < 0) {
                throw reject("bad-txns-vout-negative");
            }
            if (v > MAX_MONEY) {
                throw reject("bad-txns-vout-toolarge");
            }
            total += v;
            if (total > MAX_MONEY) {
                throw reject("bad-txns-txouttotal-toolarge");
            }
        }
        Set<OutPoint> seen = new HashSet<>();
        for (TransactionInput in : tx.getInputs()) {
            if (!seen.add(TxCodec.outPoint(in))) {
                throw reject("bad-txns-inputs-duplicate");
            }
        }
        if (!tx.isCoinBase()) {
            for (TransactionInput in : tx.getInputs()) {
                if (in.getOutpoint().hash().equals(Sha256Hash.ZERO_HASH) && in.getOutpoint().index() == 0xFFFFFFFFL) {
                    throw reject("bad-txns-prevout-null");
                }
            }
        }
    }

    static boolean isFinal(Transaction tx, int blockHeight, long blockTime) {
        long lt = tx.getLockTime();
        if (lt == 0) {
            return true;
        }
        if (lt < (lt < LOCKTIME_THRESHOLD ? blockHeight : blockTime)) {
            return true;
        }
        for (TransactionInput in : tx.getInputs()) {
            if (in.getSequenceNumber() != TransactionInput.NO_SEQUENCE) {
                return false;
            }
        }
        return true;
    }

    /** Core's FormatMoney: BTC with trailing zeros trimmed to at least two decimals. */
    static String formatMoney(long sats) {
        String s = String.format("%s%d.%08d", sats < 0 ? "-" : "", Math.abs(sats) / 100_000_000L,
                Math.abs(sats) % 100_000_000L);
        int end = s.length();
        while (s.charAt(end - 1) == '0' && Character.isDigit(s.charAt(end - 3))) {
            end--;
        }
        return s.substring(0, end);
    }
}
