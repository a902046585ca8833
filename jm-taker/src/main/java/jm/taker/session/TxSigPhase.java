package jm.taker.session;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.Sats;
import jm.core.command.Sig;
import jm.core.command.SigPayload;
import jm.core.command.Tx;
import jm.core.command.TxPayload;
import jm.taker.fee.MiningFeePolicy;
import jm.taker.fee.SweepSolver;
import jm.taker.tx.CoinJoinPlan;
import jm.taker.tx.CoinJoinTransaction;
import jm.taker.tx.SigVerdict;
import jm.taker.tx.SignatureCollector;
import jm.taker.verify.CoinJoinInput;
import jm.taker.verify.IoAuthVerdict;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.script.Script;

/**
 * The TX and SIG phases of one transaction: builds it from the accepted makers (checking a
 * sweep's fee), sends {@code !tx}, collects and checks each maker's {@code !sig}, then signs our
 * inputs and verifies every input. A bad or missing signature drops the maker and hands the
 * attempt back to the session ({@code restart}); a transaction that cannot be built or signed
 * fails here. Session thread only.
 */
final class TxSigPhase {
    private final SessionParts c;
    private final Consumer<String> restart;
    private final Consumer<CoinJoinTransaction> onSigned;
    private TakerTerms terms;
    private CoinJoinTransaction cjTx;
    private SignatureCollector signatures;
    private Timers.Handle timer;

    /**
     * @param restart  the transaction is dead for the reason given: the session starts over or fails
     * @param onSigned gets the fully signed transaction
     */
    TxSigPhase(SessionParts c, Consumer<String> restart, Consumer<CoinJoinTransaction> onSigned) {
        this.c = c;
        this.restart = restart;
        this.onSigned = onSigned;
    }

    /** The txid once the transaction is built. */
    Optional<Sha256Hash> txid() {
        return Optional.ofNullable(cjTx).map(t -> t.transaction().getTxId());
    }

    /** TX: builds the transaction on {@code settled} with the accepted makers, then SIG: sends it to them. */
    void build(TakerTerms settled) {
        terms = settled;
        List<IoAuthVerdict.Accepted> makers = c.roster().accepted();
        c.flow().enter(Phase.TX, "building the transaction with " + makers.size() + " makers");
        Optional<CoinJoinPlan> plan = plan(makers);
        if (plan.isEmpty()) {
            return;
        }
        long lockTime;
        try {
            lockTime = c.cfg().lockTime().lockTime(c.chain().tipHeight(), c.rng());
        } catch (RuntimeException e) {
            c.flow().fail("chain backend unavailable: " + e.getMessage());
            return;
        }
        cjTx = CoinJoinTransaction.build(plan.get(), lockTime, c.rng());
        signatures = new SignatureCollector(cjTx);
        Sha256Hash txid = cjTx.transaction().getTxId();
        TxPayload payload = new TxPayload(cjTx.unsignedBytes());
        c.flow().listener().onTransaction(txid);
        c.flow().enter(Phase.SIG, "sent !tx " + txid + " to " + makers.size() + " makers, collecting signatures");
        for (IoAuthVerdict.Accepted m : makers) {
            c.net().send(m.maker(), Tx.seal(c.roster().box(m.maker()), payload, c.secureRandom()));
        }
        timer = c.flow().timers().after(c.cfg().makerTimeout(), this::sigTimeout);
    }

    /** The outputs and fees; empty (and failed) when our coins or a sweep's fee do not fit. */
    private Optional<CoinJoinPlan> plan(List<IoAuthVerdict.Accepted> makers) {
        List<OwnCoin> ourCoins = terms.ourCoins();
        int inputs = ourCoins.size() + makers.stream().mapToInt(m -> m.inputs().size()).sum();
        int outputs = 1 + 2 * makers.size() + (c.req().sweep() ? 0 : 1);
        Sats realFee = MiningFeePolicy.feeFor(MiningFeePolicy.estimateVsize(inputs, outputs), terms.rateSatPerKvb());
        long makerTxFees = makers.stream().mapToLong(m -> c.roster().offerTxFee(m.maker())).sum();
        List<CoinJoinInput> ours = ourCoins.stream()
                .map(o -> new CoinJoinInput(o.outpoint(), o.value(), o.scriptPubKey())).toList();
        Sats amount = terms.amount();
        try {
            if (!c.req().sweep()) {
                Sats myTxFee = Sats.of(Math.max(0, realFee.value() - makerTxFees));
                return Optional.of(CoinJoinPlan.of(amount, makers, ours, terms.destinationScript(),
                        terms.changeScript(), myTxFee));
            }
            long totalIn = ourCoins.stream().mapToLong(o -> o.value().value()).sum();
            long fees = makers.stream().mapToLong(m -> m.cjFee().value()).sum();
            long remaining = totalIn - amount.value() - fees;
            if (remaining < 0) {
                c.flow().fail("the replacement makers' fees exceed what the sweep can pay (short by " + -remaining + ")");
                return Optional.empty();
            }
            Sats paid = Sats.of(remaining + makerTxFees);
            if (!SweepSolver.feeWithinTolerance(paid, realFee, c.cfg().maxSweepFeeChange())) {
                c.flow().fail("sweep mining fee " + paid.value() + " sats is too far from the " + realFee.value()
                        + " sats this transaction needs (max_sweep_fee_change " + c.cfg().maxSweepFeeChange() + ")");
                return Optional.empty();
            }
            return Optional.of(CoinJoinPlan.of(amount, makers, ours, terms.destinationScript(), Optional.empty(),
                    Sats.of(remaining)));
        } catch (CoinJoinPlan.InsufficientFundsException e) {
            c.flow().fail("our coins do not cover amount, fees and mining fee: " + e.getMessage());
            return Optional.empty();
        }
    }

    void onSig(Nick from, Sig sig) {
        if (!c.flow().in(Phase.SIG) || !c.roster().isAccepted(from)) {
            return;
        }
        SigPayload payload;
        try {
            payload = sig.open(c.roster().box(from));
        } catch (ProtocolException | RuntimeException e) {
            badSigner(from, "undecryptable or malformed !sig: " + e.getMessage());
            return;
        }
        SigVerdict v = signatures.accept(from, payload.toScriptBytes());
        if (v instanceof SigVerdict.Rejected r) {
            badSigner(from, "bad signature (" + r.reason() + "): " + r.detail());
            return;
        }
        if (signatures.allMakersSigned()) {
            cancelTimer();
            finishSigning();
        }
    }

    private void badSigner(Nick maker, String reason) {
        c.roster().drop(maker, reason);
        cancelTimer();
        restart.accept("maker " + maker + " sent a bad signature");
    }

    private void sigTimeout() {
        if (!c.flow().in(Phase.SIG)) {
            return;
        }
        for (Nick n : signatures.makersMissingSignatures()) {
            c.roster().drop(n, "did not sign in time");
        }
        restart.accept("not every maker signed");
    }

    /** Every maker signed: our signatures, then every input is checked against its script. */
    private void finishSigning() {
        Transaction tx = cjTx.transaction();
        try {
            c.wallet().sign(tx, terms.outpoints());
        } catch (RuntimeException e) {
            c.flow().fail("our wallet could not sign: " + e.getMessage());
            return;
        }
        for (int i = 0; i < tx.getInputs().size(); i++) {
            TransactionInput in = tx.getInput(i);
            CoinJoinTransaction.InputInfo info = cjTx.inputs().get(i);
            try {
                Script spk = Script.parse(info.scriptPubKey());
                spk.correctlySpends(tx, i, in.getWitness(), Coin.valueOf(info.value().value()), spk,
                        Script.ALL_VERIFY_FLAGS);
            } catch (RuntimeException e) {
                c.flow().fail("input " + i + " (" + info.outpoint() + ") is not validly signed: " + e.getMessage());
                return;
            }
        }
        onSigned.accept(cjTx);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
        }
    }
}
