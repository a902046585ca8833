package jm.demo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.time.Instant;
import jm.core.bond.BondValue;
import jm.core.bond.TimeNumber;
import jm.demo.market.BondSpend;
import jm.demo.market.DemoBond;
import jm.demo.market.DemoConfig;
import jm.demo.market.DemoMarket;
import jm.demo.market.MakerWalletHook;
import jm.demo.market.Route;
import jm.demo.scenario.CoinJoinResult;
import jm.demo.scenario.DemoScenario;
import jm.demo.scenario.MakerShare;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code jm demo} scenario as a test: the market of three makers on loopback, a CoinJoin over
 * direct connections, one relayed through the directory only and a sweep, then maker 1's bond
 * spent after its locktime, each checked here against the node independently of the scenario's
 * own checks.
 */
@Timeout(150)
class DemoEndToEndTest extends StandardDemoRun {
    static final int MAKERS = 3;

    @BeforeAll
    void runTheDemo(@TempDir Path dir) throws Exception {
        runStandard(DemoConfig.of(dir, MAKERS), MakerWalletHook.NONE, started -> { });
        StringBuilder figures = new StringBuilder("FIGURES loopback:"); // compare TorMarketEndToEndTest's line
        summary.coinJoins().forEach(r -> figures.append(String.format(java.util.Locale.ROOT,
                " %s%s !fill-to-broadcast %.2f s,", r.route().name().toLowerCase(java.util.Locale.ROOT),
                r.sweep() ? " sweep" : "", r.fillToBroadcast().map(d -> d.toMillis() / 1000.0).orElse(-1.0))));
        System.out.println(figures);
    }

    Transaction onChain(CoinJoinResult r) {
        Sha256Hash txid = Sha256Hash.wrap(r.txid().orElseThrow());
        assertThat(market.takerChain().getConfirmations(txid)).as("confirmations of %s", txid)
                .hasValueSatisfying(c -> assertThat(c).isGreaterThanOrEqualTo(1));
        byte[] raw = market.takerChain().getRawTransaction(txid).orElseThrow();
        return Transaction.read(ByteBuffer.wrap(raw));
    }

    @Test
    void showsMaker1sBondWithItsValueAndTheBondWeightsOfEachChoice() {
        assertThat(output).anySatisfy(l -> assertThat(l).startsWith("maker1's bond ").contains(" sats, confirmed ")
                .containsPattern("value [1-9][0-9.e+]* \\(the weight takers pick it by\\)"));
        assertThat(output.stream().filter(l -> l.contains("; bond weights: ")).count()).as(String.join("\n", output))
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void maker1sBondIsLockedAFewBlockIntervalsAheadOfTheNodesClockAtAMonthBoundary() {
        DemoBond bond = market.bond().orElseThrow();
        assertThat(bond.outpoint()).isEqualTo(summary.bondSpend().orElseThrow().bond().outpoint());
        assertThat(TimeNumber.isTimeNumberLocktime(bond.locktime())).isTrue();
        // the node's clock, not the wall clock: the demo moved it to just before the month boundary
        assertThat(bond.locktime() - bond.createdAt()).isBetween(1L, 10 * 600L);
        assertThat(bond.confirmationTime()).isBetween(bond.createdAt(), bond.locktime() - 1);
        assertThat(bond.value()).isPositive().isEqualTo(BondValue.value(DemoMarket.BOND_SATS,
                bond.confirmationTime(), bond.locktime(), bond.confirmationTime()), within(bond.value() * 1e-3));
        assertThat(output).anySatisfy(l -> assertThat(l).startsWith("maker1 has a fidelity bond: 2000000 sats locked"
                + " until " + Instant.ofEpochSecond(bond.locktime())));
    }

    @Test
    void theExpiredBondIsSpentAfterItsLocktimeAndConfirms() {
        BondSpend spend = summary.bondSpend().orElseThrow(() -> new AssertionError(String.join("\n", output)));
        DemoBond bond = spend.bond();
        assertThat(spend.blocksMined()).isBetween(1, 11);
        assertThat(spend.medianTimePast()).isGreaterThan(bond.locktime());
        Sha256Hash txid = Sha256Hash.wrap(spend.txid());
        assertThat(market.takerChain().getConfirmations(txid)).hasValueSatisfying(c -> assertThat(c).isPositive());
        Transaction tx = Transaction.read(ByteBuffer.wrap(market.takerChain().getRawTransaction(txid).orElseThrow()));
        assertThat(tx.getLockTime()).isEqualTo(bond.locktime());
        assertThat(tx.getInputs()).hasSize(1);
        assertThat(tx.getInput(0).getOutpoint().hash()).isEqualTo(bond.outpoint().txid());
        assertThat(tx.getInput(0).getOutpoint().index()).isEqualTo(bond.outpoint().vout());
        assertThat(tx.getInput(0).getSequenceNumber()).isEqualTo(0xFFFF_FFFEL);
        // paid into maker 1's new bond, which the kept-running market proves from then on
        var maker1 = market.makers().get(0).wallet();
        assertThat(maker1.bondCoins()).hasSize(1).allSatisfy((c, b) -> {
            assertThat(c.outpoint().txid()).isEqualTo(txid);
            assertThat(c.sats()).isEqualTo(spend.amount()).isEqualTo(tx.getOutput(0).getValue().value);
            assertThat(b.locktime()).isEqualTo(spend.newLocktime()).isGreaterThan(bond.locktime());
        });
        assertThat(output).anySatisfy(l -> assertThat(l).isEqualTo("  txid:          " + spend.txid()
                + " (nLockTime " + bond.locktime() + ", nSequence 0xfffffffe, witness <sig> <freeze script>)"));
    }

    @Test
    void allThreeCoinJoinsSucceedAndConfirm() {
        assertThat(summary.success()).as(String.join("\n", output)).isTrue();
        assertThat(summary.coinJoins()).hasSize(3);
        for (CoinJoinResult r : summary.coinJoins()) {
            onChain(r);
        }
    }

    @Test
    void everyCoinJoinHasOneEqualOutputPerParticipant() {
        for (CoinJoinResult r : summary.coinJoins()) {
            Transaction tx = onChain(r);
            long equal = tx.getOutputs().stream().filter(o -> o.getValue().value == r.equalAmount()).count();
            assertThat(r.makers()).hasSize(MAKERS);
            assertThat(equal).as(r.title()).isEqualTo(MAKERS + 1);
            assertThat(r.equalAmount()).isPositive();
        }
        assertThat(summary.coinJoins().get(0).equalAmount()).isEqualTo(DemoScenario.DIRECT_AMOUNT);
        assertThat(summary.coinJoins().get(1).equalAmount()).isEqualTo(DemoScenario.RELAYED_AMOUNT);
    }

    @Test
    void noAddressIsReusedAcrossTheCoinJoins() {
        List<String> scripts = new ArrayList<>();
        for (CoinJoinResult r : summary.coinJoins()) {
            for (TransactionOutput o : onChain(r).getOutputs()) {
                scripts.add(HexFormat.of().formatHex(o.getScriptBytes()));
            }
        }
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(3 * (MAKERS + 1)).doesNotHaveDuplicates();
    }

    @Test
    void eachMakersBalanceGrowsByItsFeeMinusItsTxFeeContribution() {
        for (CoinJoinResult r : summary.coinJoins()) {
            for (MakerShare s : r.makers()) {
                assertThat(s.cjFee()).as("%s in %s", s.name(), r.title()).isPositive();
                assertThat(s.balanceChange()).as("%s in %s", s.name(), r.title())
                        .isEqualTo(s.cjFee() - s.txFee());
            }
        }
        // the offers differ per maker: check the first CoinJoin's fees against each maker's rate
        for (MakerShare s : summary.coinJoins().get(0).makers()) {
            int i = Integer.parseInt(s.name().substring("maker".length())) - 1;
            assertThat(s.cjFee()).isEqualTo(DemoMarket.relativeFee(i)
                    .multiply(java.math.BigDecimal.valueOf(DemoScenario.DIRECT_AMOUNT)).longValueExact());
            assertThat(s.txFee()).isEqualTo(DemoMarket.txFeeContribution(i));
        }
    }

    @Test
    void theFirstCoinJoinWentDirectAndTheSecondOnlyThroughTheDirectory() {
        CoinJoinResult direct = summary.coinJoins().get(0);
        CoinJoinResult relayed = summary.coinJoins().get(1);
        assertThat(direct.route()).isEqualTo(Route.DIRECT);
        assertThat(direct.makers()).allMatch(MakerShare::direct);
        assertThat(relayed.route()).isEqualTo(Route.RELAYED);
        assertThat(relayed.makers()).noneMatch(MakerShare::direct);
    }

    @Test
    void theSweepEmptiesTheTakersMixdepth() {
        CoinJoinResult sweep = summary.coinJoins().get(2);
        assertThat(sweep.sweep()).isTrue();
        Transaction tx = onChain(sweep);
        // no change output: makers' equal + change outputs, and the taker's single equal output
        assertThat(tx.getOutputs()).hasSize(2 * MAKERS + 1);
        assertThat(market.takerWallet().balance(DemoScenario.SWEEP_MIXDEPTH).total().value()).isZero();
    }
}
