package jm.taker.tx;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jm.core.Nick;
import jm.core.Sats;
import jm.taker.verify.CoinJoinInput;
import jm.taker.verify.IoAuthVerdict.Accepted;

/**
 * The amounts of one CoinJoin (PROTOCOL.md 9.3, 9.5), computed from the accepted makers and
 * our inputs, before any shuffling.
 *
 * @param amount        the equal output value
 * @param makers        accepted makers, in a stable order
 * @param takerInputs   our inputs
 * @param destination   scriptPubKey of our CoinJoin output
 * @param takerChange   our change output (script and value), empty if none (sweep, or dropped as dust)
 * @param droppedChange change left to the miners because it was at or below 2 730 sats
 * @param myTxFee       what we intended to pay the miners
 */
public record CoinJoinPlan(Sats amount, List<Accepted> makers, List<CoinJoinInput> takerInputs, byte[] destination,
        Optional<Output> takerChange, Sats droppedChange, Sats myTxFee) {

    /** Taker change at or below this is omitted ({@code BITCOIN_DUST_THRESHOLD}). */
    public static final long TAKER_CHANGE_DROP = 2_730;

    /** An output: script and value. */
    public record Output(byte[] script, Sats value) {
        public Output {
            script = script.clone();
            Objects.requireNonNull(value);
        }

        @Override
        public byte[] script() {
            return script.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Output x && java.util.Arrays.equals(x.script, script) && x.value.equals(value);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(script) * 31 + value.hashCode();
        }

        @Override
        public String toString() {
            return "Output[" + HexFormat.of().formatHex(script) + ", " + value + "]";
        }
    }

    /** Raised when our inputs cannot pay amount + fees. */
    public static final class InsufficientFundsException extends Exception {
        private static final long serialVersionUID = 1L;
        private final long shortfall;

        public InsufficientFundsException(long shortfall) {
            super("taker inputs short by " + shortfall + " sats");
            this.shortfall = shortfall;
        }

        public long shortfall() {
            return shortfall;
        }
    }

    public CoinJoinPlan {
        Objects.requireNonNull(amount);
        makers = List.copyOf(makers);
        takerInputs = List.copyOf(takerInputs);
        destination = destination.clone();
        Objects.requireNonNull(takerChange);
        Objects.requireNonNull(droppedChange);
        Objects.requireNonNull(myTxFee);
    }

    @Override
    public byte[] destination() {
        return destination.clone();
    }

    /**
     * Computes the plan. Our change = inputs - amount - sum(cjfee) - myTxFee; it is dropped
     * when at or below 2 730 sats. With {@code changeScript} empty (a sweep) any remainder
     * goes to the miners.
     *
     * @throws InsufficientFundsException if our inputs do not cover amount and fees
     */
    public static CoinJoinPlan of(Sats amount, List<Accepted> makers, List<CoinJoinInput> takerInputs,
            byte[] destination, Optional<byte[]> changeScript, Sats myTxFee) throws InsufficientFundsException {
        long in = 0;
        for (CoinJoinInput t : takerInputs) {
            in = Math.addExact(in, t.value().value());
        }
        long fees = 0;
        for (Accepted m : makers) {
            fees = Math.addExact(fees, m.cjFee().value());
        }
        long change = in - amount.value() - fees - myTxFee.value();
        if (change < 0) {
            throw new InsufficientFundsException(-change);
        }
        Optional<Output> out = Optional.empty();
        Sats dropped = Sats.of(change);
        if (changeScript.isPresent() && change > TAKER_CHANGE_DROP) {
            out = Optional.of(new Output(changeScript.get(), Sats.of(change)));
            dropped = Sats.ZERO;
        }
        return new CoinJoinPlan(amount, makers, takerInputs, destination, out, dropped, myTxFee);
    }

    /** All outputs before shuffling: ours, then per maker CoinJoin + change, then our change. */
    public List<Output> outputs() {
        List<Output> outs = new ArrayList<>();
        outs.add(new Output(destination, amount));
        for (Accepted m : makers) {
            outs.add(new Output(m.cjScript(), amount));
            outs.add(new Output(m.changeScript(), m.change()));
        }
        takerChange.ifPresent(outs::add);
        return outs;
    }

    public Sats totalIn() {
        long sum = 0;
        for (CoinJoinInput t : takerInputs) {
            sum += t.value().value();
        }
        for (Accepted m : makers) {
            for (CoinJoinInput i : m.inputs()) {
                sum += i.value().value();
            }
        }
        return Sats.of(sum);
    }

    public Sats totalOut() {
        long sum = 0;
        for (Output o : outputs()) {
            sum += o.value().value();
        }
        return Sats.of(sum);
    }

    /** The actual mining fee: inputs - outputs. */
    public Sats miningFee() {
        return totalIn().minus(totalOut());
    }

    public int inputCount() {
        int n = takerInputs.size();
        for (Accepted m : makers) {
            n += m.inputs().size();
        }
        return n;
    }

    /** Each maker's CoinJoin fee. */
    public Map<Nick, Sats> makerFees() {
        Map<Nick, Sats> m = new LinkedHashMap<>();
        for (Accepted a : makers) {
            m.put(a.maker(), a.cjFee());
        }
        return m;
    }

    /** What the CoinJoin cost us: maker fees + mining fee we paid (incl. dropped change). */
    public Sats totalCost() {
        long fees = 0;
        for (Accepted a : makers) {
            fees += a.cjFee().value();
        }
        return Sats.of(fees + myTxFee.value() + droppedChange.value());
    }
}
