package jm.maker.tx;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.maker.tx.TxVerdict.Reason;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;

/**
 * Decides whether a taker's unsigned CoinJoin transaction may be signed (PROTOCOL.md 8.4), stricter
 * than the reference wherever money or our coins are concerned:
 * <ul>
 *   <li>every input declared in {@code !ioauth} is spent, exactly once, and no other coin of ours;</li>
 *   <li>exactly one output pays our CoinJoin script, worth at least the amount;</li>
 *   <li>exactly one output pays our change script, worth at least {@code sum(U) - A - T + F}
 *       and at least the maker dust threshold;</li>
 *   <li>no other output pays any script of ours (the taker may not move our money around);</li>
 *   <li>{@code F - T >= 0};</li>
 *   <li>unsigned (no scriptSig, no witness), version 1-3, height locktime at most a few blocks ahead,
 *       our inputs final or RBF-signalling without relative locktime.</li>
 * </ul>
 * Stateless and thread-safe; never throws on any input bytes.
 */
public final class TxVerifier {

    /** Maker change minimum (PROTOCOL.md 6.2 / 13, {@code DUST_THRESHOLD}). */
    public static final long MAKER_DUST_THRESHOLD = 27_300;
    /** Largest transaction we look at; a CoinJoin line is at most 40,000 bytes anyway. */
    public static final int MAX_TX_BYTES = 100_000;
    /**
     * How far above the tip seen at {@code !auth} a height locktime may be: blocks arrive during the
     * session and reference takers lock to their current height. A later locktime only delays a
     * transaction that still pays us; this bound just refuses obviously parked ones.
     */
    public static final long LOCKTIME_SLACK_BLOCKS = 10;
    /** Lowest sequence we accept on our inputs: RBF signal, no relative locktime. */
    public static final long MIN_SEQUENCE = 0xFFFF_FFFDL;

    private static final long LOCKTIME_THRESHOLD = 500_000_000L;

    private TxVerifier() {
    }

    /** Parses {@code rawTx} and checks it against our {@code terms} and our wallet. */
    public static TxVerdict verify(byte[] rawTx, CoinJoinTerms terms, OwnCoins wallet) {
        if (rawTx == null || rawTx.length == 0) {
            return TxVerdict.reject(Reason.UNPARSABLE_TX, "empty");
        }
        if (rawTx.length > MAX_TX_BYTES) {
            return TxVerdict.reject(Reason.OVERSIZED_TX, rawTx.length + " bytes");
        }
        TxShape.Result shape = TxShape.walk(rawTx);
        if (shape.problem() == TxShape.Problem.TRAILING_BYTES) {
            return TxVerdict.reject(Reason.TRAILING_BYTES, "bytes after locktime");
        }
        if (shape.problem() != null) {
            return TxVerdict.reject(Reason.UNPARSABLE_TX, shape.problem().name());
        }
        if (shape.hasWitness()) {
            return TxVerdict.reject(Reason.NON_EMPTY_WITNESS, "unsigned transaction carries witness data");
        }
        Transaction tx;
        try {
            tx = Transaction.read(ByteBuffer.wrap(shape.legacy().clone()));
        } catch (RuntimeException e) {
            return TxVerdict.reject(Reason.UNPARSABLE_TX, e.getClass().getSimpleName());
        }
        try {
            return check(tx, terms, wallet);
        } catch (RuntimeException e) {
            // a library surprise on a hostile transaction: refuse, never sign
            return TxVerdict.reject(Reason.UNPARSABLE_TX, "unexpected: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Parses any serialised transaction (signed or not) after a bounds-checked walk; empty if the
     * bytes are not exactly one transaction of at most {@link #MAX_TX_BYTES}. Never throws.
     */
    public static java.util.Optional<Transaction> parse(byte[] raw) {
        if (raw == null || raw.length == 0 || raw.length > MAX_TX_BYTES) {
            return java.util.Optional.empty();
        }
        TxShape.Result shape = TxShape.walk(raw);
        if (shape.problem() != null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Transaction.read(ByteBuffer.wrap(shape.legacy().clone())));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static TxVerdict check(Transaction tx, CoinJoinTerms terms, OwnCoins wallet) {
        long version = tx.getVersion();
        if (version < 1 || version > 3) {
            return TxVerdict.reject(Reason.UNSUPPORTED_VERSION, "version " + version);
        }
        List<TransactionInput> inputs = tx.getInputs();
        List<TransactionOutput> outputs = tx.getOutputs();
        if (inputs.isEmpty()) {
            return TxVerdict.reject(Reason.NO_INPUTS, "");
        }
        if (outputs.isEmpty()) {
            return TxVerdict.reject(Reason.NO_OUTPUTS, "");
        }

        // ---- inputs ----
        Set<OutPoint> seen = new HashSet<>();
        List<Integer> ours = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            TransactionInput in = inputs.get(i);
            OutPoint op = new OutPoint(in.getOutpoint().hash(), in.getOutpoint().index());
            if (!seen.add(op)) {
                return TxVerdict.reject(Reason.DUPLICATE_INPUT, "input " + i);
            }
            if (in.getScriptBytes().length != 0) {
                return TxVerdict.reject(Reason.NON_EMPTY_SCRIPT_SIG, "input " + i);
            }
            if (in.hasWitness()) {
                return TxVerdict.reject(Reason.NON_EMPTY_WITNESS, "input " + i);
            }
            if (terms.declaredInputs().containsKey(op)) {
                if (in.getSequenceNumber() < MIN_SEQUENCE) {
                    return TxVerdict.reject(Reason.SEQUENCE_NOT_SANE,
                            "input " + i + " sequence " + Long.toHexString(in.getSequenceNumber()));
                }
                ours.add(i);
            } else if (wallet.isOwnCoin(op)) {
                return TxVerdict.reject(Reason.UNDECLARED_OWN_INPUT, "input " + i);
            }
        }
        for (OutPoint declared : terms.declaredInputs().keySet()) {
            if (!seen.contains(declared)) {
                return TxVerdict.reject(Reason.MISSING_OUR_INPUT, declared.toWire());
            }
        }

        // ---- locktime ----
        long lockTime = tx.getLockTime();
        if (lockTime >= LOCKTIME_THRESHOLD) {
            return TxVerdict.reject(Reason.LOCKTIME_NOT_SANE, "time-based locktime " + lockTime);
        }
        if (terms.tipHeight() >= 0 && lockTime > terms.tipHeight() + LOCKTIME_SLACK_BLOCKS) {
            return TxVerdict.reject(Reason.LOCKTIME_NOT_SANE,
                    "locktime " + lockTime + " above tip " + terms.tipHeight());
        }

        // ---- money terms ----
        if (terms.cjFee().value() < terms.txFee().value()) {
            return TxVerdict.reject(Reason.NEGATIVE_EARNING,
                    "cjfee " + terms.cjFee().value() + " < txfee " + terms.txFee().value());
        }
        long expectedChange = terms.expectedChange();
        if (expectedChange < MAKER_DUST_THRESHOLD) {
            // our own terms cannot fund a valid change output: never sign such a CoinJoin
            return TxVerdict.reject(Reason.CHANGE_BELOW_DUST, "expected change " + expectedChange);
        }

        // ---- outputs ----
        byte[] cjScript = terms.scripts().cj();
        byte[] changeScript = terms.scripts().change();
        int cjCount = 0;
        int changeCount = 0;
        long cjValue = 0;
        long changeValue = 0;
        long total = 0;
        for (int i = 0; i < outputs.size(); i++) {
            TransactionOutput out = outputs.get(i);
            long value = out.getValue().value;
            if (value < 0 || value > Sats.MAX_MONEY) {
                return TxVerdict.reject(Reason.OUTPUT_VALUE_OUT_OF_RANGE, "output " + i);
            }
            total += value;
            if (total > Sats.MAX_MONEY) {
                return TxVerdict.reject(Reason.OUTPUT_VALUE_OUT_OF_RANGE, "total above 21M BTC");
            }
            byte[] spk = out.getScriptBytes();
            if (Arrays.equals(spk, cjScript)) {
                cjCount++;
                cjValue = value;
            } else if (Arrays.equals(spk, changeScript)) {
                changeCount++;
                changeValue = value;
            } else if (wallet.isOwnScript(spk)) {
                return TxVerdict.reject(Reason.OUTPUT_TO_OTHER_OWN_SCRIPT, "output " + i);
            }
        }
        if (cjCount == 0) {
            return TxVerdict.reject(Reason.CJ_OUTPUT_MISSING, "");
        }
        if (cjCount > 1) {
            return TxVerdict.reject(Reason.CJ_OUTPUT_DUPLICATED, cjCount + " outputs");
        }
        if (cjValue < terms.amount().value()) {
            return TxVerdict.reject(Reason.CJ_OUTPUT_SHORT, cjValue + " < " + terms.amount().value());
        }
        if (changeCount == 0) {
            return TxVerdict.reject(Reason.CHANGE_OUTPUT_MISSING, "");
        }
        if (changeCount > 1) {
            return TxVerdict.reject(Reason.CHANGE_OUTPUT_DUPLICATED, changeCount + " outputs");
        }
        if (changeValue < MAKER_DUST_THRESHOLD) {
            return TxVerdict.reject(Reason.CHANGE_BELOW_DUST, "change " + changeValue);
        }
        if (changeValue < expectedChange) {
            return TxVerdict.reject(Reason.CHANGE_OUTPUT_SHORT, changeValue + " < " + expectedChange);
        }
        return new TxVerdict.Accepted(tx, ours, Sats.of(expectedChange));
    }
}
