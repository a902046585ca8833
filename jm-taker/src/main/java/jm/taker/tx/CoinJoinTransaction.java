package jm.taker.tx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.taker.verify.CoinJoinInput;
import jm.taker.verify.IoAuthVerdict.Accepted;
import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutPoint;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.script.Script;

/**
 * The CoinJoin transaction being signed: a bitcoinj {@link Transaction} (version 2, inputs and
 * outputs shuffled) plus, per input, who owns it and the value and script our own lookups gave.
 * Owned by one session; not thread-safe.
 */
public final class CoinJoinTransaction {

    /** What we know about one input. */
    public record InputInfo(OutPoint outpoint, Sats value, byte[] scriptPubKey, Optional<Nick> owner) {
        public InputInfo {
            Objects.requireNonNull(outpoint);
            Objects.requireNonNull(value);
            scriptPubKey = scriptPubKey.clone();
            Objects.requireNonNull(owner);
        }

        @Override
        public byte[] scriptPubKey() {
            return scriptPubKey.clone();
        }

        public boolean ours() {
            return owner.isEmpty();
        }
    }

    private final Transaction tx;
    private final List<InputInfo> inputs;
    private final CoinJoinPlan plan;

    private CoinJoinTransaction(Transaction tx, List<InputInfo> inputs, CoinJoinPlan plan) {
        this.tx = tx;
        this.inputs = List.copyOf(inputs);
        this.plan = plan;
    }

    /**
     * Builds the unsigned transaction: every input and output of the plan, each list shuffled
     * uniformly with {@code rng}, version 2, locktime and sequences per {@code lockTime}.
     */
    public static CoinJoinTransaction build(CoinJoinPlan plan, long lockTime, Random rng) {
        List<InputInfo> ins = new ArrayList<>();
        for (CoinJoinInput t : plan.takerInputs()) {
            ins.add(new InputInfo(t.outpoint(), t.value(), t.scriptPubKey(), Optional.empty()));
        }
        for (Accepted m : plan.makers()) {
            for (CoinJoinInput i : m.inputs()) {
                ins.add(new InputInfo(i.outpoint(), i.value(), i.scriptPubKey(), Optional.of(m.maker())));
            }
        }
        List<CoinJoinPlan.Output> outs = new ArrayList<>(plan.outputs());
        Collections.shuffle(ins, rng);
        Collections.shuffle(outs, rng);
        Transaction tx = new Transaction();
        tx.setVersion(2);
        long sequence = LockTimePolicy.sequenceFor(lockTime);
        for (InputInfo in : ins) {
            TransactionOutPoint op = new TransactionOutPoint(in.outpoint().vout(), in.outpoint().txid());
            TransactionInput ti = new TransactionInput(tx, new byte[0], op, Coin.valueOf(in.value().value()));
            tx.addInput(ti.withSequence(sequence));
        }
        for (CoinJoinPlan.Output o : outs) {
            tx.addOutput(new TransactionOutput(tx, Coin.valueOf(o.value().value()), o.script()));
        }
        tx.setLockTime(lockTime);
        return new CoinJoinTransaction(tx, ins, plan);
    }

    /** Wraps an existing unsigned transaction (tests, recovery); {@link #plan()} is then null. */
    static CoinJoinTransaction wrap(Transaction tx, List<InputInfo> inputs) {
        if (tx.getInputs().size() != inputs.size()) {
            throw new IllegalArgumentException("one InputInfo per input");
        }
        return new CoinJoinTransaction(tx, inputs, null);
    }

    public CoinJoinPlan plan() {
        return plan;
    }

    public List<InputInfo> inputs() {
        return inputs;
    }

    /** Indices of the inputs a maker contributed. */
    public List<Integer> inputIndicesOf(Nick maker) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).owner().filter(maker::equals).isPresent()) {
                out.add(i);
            }
        }
        return out;
    }

    /** Indices of our own inputs. */
    public List<Integer> ourInputIndices() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).ours()) {
                out.add(i);
            }
        }
        return out;
    }

    /** Serialisation for {@code !tx}: legacy format, no witnesses, empty scriptSigs. */
    public byte[] unsignedBytes() {
        Transaction copy = Transaction.read(java.nio.ByteBuffer.wrap(tx.serialize()));
        for (int i = 0; i < copy.getInputs().size(); i++) {
            copy.replaceInput(i, copy.getInput(i).withoutWitness());
        }
        return copy.serialize();
    }

    /** The transaction (live: signatures are written into it). */
    public Transaction transaction() {
        return tx;
    }

    void setWitness(int index, TransactionWitness witness) {
        tx.replaceInput(index, tx.getInput(index).withWitness(witness));
    }

    public boolean isSigned(int index) {
        return tx.getInput(index).hasWitness();
    }

    public boolean fullySigned() {
        for (int i = 0; i < inputs.size(); i++) {
            if (!isSigned(i)) {
                return false;
            }
        }
        return true;
    }

    /** Signed serialisation (segwit) for broadcast and {@code !push}. */
    public byte[] signedBytes() {
        return tx.serialize();
    }

    /** Script of an input's spent output, for signing. */
    public Script scriptPubKeyOf(int index) {
        return Script.parse(inputs.get(index).scriptPubKey());
    }
}
