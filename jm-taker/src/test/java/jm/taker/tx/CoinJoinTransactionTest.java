package jm.taker.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.taker.verify.CoinJoinInput;
import jm.taker.verify.IoAuthVerdict.Accepted;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.Test;

class CoinJoinTransactionTest {
    static byte[] spk(int k) {
        return ScriptBuilder.createP2WPKHOutputScript(ECKey.fromPrivate(BigInteger.valueOf(k + 1000L), true)).program();
    }

    static Accepted maker(String nick, int seed, long inValue, long change, long fee) {
        return new Accepted(new Nick(nick), List.of(new CoinJoinInput(OutPoint.of(String.format("%064x", seed), 1),
                Sats.of(inValue), spk(seed))), spk(seed + 100), spk(seed + 200), Sats.of(change), Sats.of(fee));
    }

    static final List<Accepted> MAKERS = List.of(maker("J5AAAAAAAAAAAAAA", 1, 5_000_000, 4_000_020, 20),
            maker("J5BBBBBBBBBBBBBB", 2, 3_000_000, 2_000_250, 250));
    static final List<CoinJoinInput> OURS = List.of(new CoinJoinInput(OutPoint.of("ff".repeat(32), 0), Sats.of(2_000_000), spk(9)));

    @Test
    void planComputesOurChangeFromInputsAmountFeesAndMyTxFee() throws Exception {
        CoinJoinPlan plan = CoinJoinPlan.of(Sats.of(1_000_000), MAKERS, OURS, spk(50), Optional.of(spk(51)), Sats.of(900));
        // 2 000 000 - 1 000 000 - 270 - 900
        assertThat(plan.takerChange()).contains(new CoinJoinPlan.Output(spk(51), Sats.of(998_830)));
        assertThat(plan.outputs()).hasSize(6);
        assertThat(plan.miningFee()).isEqualTo(Sats.of(900));
        assertThat(plan.totalCost()).isEqualTo(Sats.of(1_170));
    }

    @Test
    void dropsOurChangeAtOrBelowTwoThousandSevenHundredThirty() throws Exception {
        List<CoinJoinInput> tight = List.of(new CoinJoinInput(OutPoint.of("ff".repeat(32), 0), Sats.of(1_003_900), spk(9)));
        CoinJoinPlan plan = CoinJoinPlan.of(Sats.of(1_000_000), MAKERS, tight, spk(50), Optional.of(spk(51)), Sats.of(900));
        // change = 1 003 900 - 1 000 000 - 270 - 900 = 2 730: dropped
        assertThat(plan.takerChange()).isEmpty();
        assertThat(plan.droppedChange()).isEqualTo(Sats.of(2_730));
        assertThat(plan.miningFee()).isEqualTo(Sats.of(3_630));
        List<CoinJoinInput> more = List.of(new CoinJoinInput(OutPoint.of("ff".repeat(32), 0), Sats.of(1_003_901), spk(9)));
        assertThat(CoinJoinPlan.of(Sats.of(1_000_000), MAKERS, more, spk(50), Optional.of(spk(51)), Sats.of(900))
                .takerChange()).isPresent();
    }

    @Test
    void refusesWhenOurInputsDoNotCoverAmountAndFees() {
        List<CoinJoinInput> poor = List.of(new CoinJoinInput(OutPoint.of("ff".repeat(32), 0), Sats.of(1_001_000), spk(9)));
        assertThatThrownBy(() -> CoinJoinPlan.of(Sats.of(1_000_000), MAKERS, poor, spk(50), Optional.of(spk(51)),
                Sats.of(900))).isInstanceOfSatisfying(CoinJoinPlan.InsufficientFundsException.class,
                        e -> assertThat(e.shortfall()).isEqualTo(170));
    }

    @Test
    void buildsVersionTwoWithEveryInputAndOutputAndLocktimeSequences() throws Exception {
        CoinJoinPlan plan = CoinJoinPlan.of(Sats.of(1_000_000), MAKERS, OURS, spk(50), Optional.of(spk(51)), Sats.of(900));
        CoinJoinTransaction cj = CoinJoinTransaction.build(plan, 899_987, new Random(1));
        var tx = cj.transaction();
        assertThat(tx.getVersion()).isEqualTo(2);
        assertThat(tx.getLockTime()).isEqualTo(899_987);
        assertThat(tx.getInputs()).hasSize(3).allMatch(i -> i.getSequenceNumber() == 0xFFFF_FFFEL);
        assertThat(tx.getOutputs()).hasSize(6);
        long equal = tx.getOutputs().stream().filter(o -> o.getValue().value == 1_000_000).count();
        assertThat(equal).isEqualTo(3);
        assertThat(cj.ourInputIndices()).hasSize(1);
        assertThat(cj.inputIndicesOf(new Nick("J5AAAAAAAAAAAAAA"))).hasSize(1);
        for (int i = 0; i < 3; i++) {
            TransactionInput in = tx.getInput(i);
            assertThat(in.getOutpoint().hash()).isEqualTo(cj.inputs().get(i).outpoint().txid());
        }
    }

    @Test
    void shufflesInputsAndOutputs() throws Exception {
        CoinJoinPlan plan = CoinJoinPlan.of(Sats.of(1_000_000), MAKERS, OURS, spk(50), Optional.of(spk(51)), Sats.of(900));
        Set<String> inputOrders = new HashSet<>();
        Set<String> outputOrders = new HashSet<>();
        for (int seed = 0; seed < 40; seed++) {
            var tx = CoinJoinTransaction.build(plan, 0, new Random(seed)).transaction();
            inputOrders.add(tx.getInputs().stream().map(i -> i.getOutpoint().toString()).toList().toString());
            outputOrders.add(tx.getOutputs().stream().map(TransactionOutput::toString).toList().toString());
        }
        assertThat(inputOrders.size()).isGreaterThan(3);
        assertThat(outputOrders.size()).isGreaterThan(10);
    }

    @Test
    void zeroLocktimeUsesFinalSequences() throws Exception {
        CoinJoinPlan plan = CoinJoinPlan.of(Sats.of(1_000_000), MAKERS, OURS, spk(50), Optional.of(spk(51)), Sats.of(900));
        var tx = CoinJoinTransaction.build(plan, 0, new Random(1)).transaction();
        assertThat(tx.getInputs()).allMatch(i -> i.getSequenceNumber() == 0xFFFF_FFFFL);
    }

    @Test
    void antiFeeSnipingLocktimeIsTipOrSlightlyBelow() {
        Random rng = new Random(8);
        int atTip = 0;
        for (int i = 0; i < 1000; i++) {
            long lt = LockTimePolicy.ANTI_FEE_SNIPING.lockTime(900_000, rng);
            assertThat(lt).isBetween(899_901L, 900_000L);
            atTip += lt == 900_000 ? 1 : 0;
        }
        assertThat(atTip).isGreaterThan(850);
        assertThat(LockTimePolicy.ZERO.lockTime(900_000, rng)).isZero();
    }
}
