package jm.maker.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import jm.core.Sats;
import jm.maker.testing.CoinJoinFixture;
import jm.maker.testing.RawTx;
import org.junit.jupiter.api.Test;

class TxVerifierTest {
    private final CoinJoinFixture f = new CoinJoinFixture();

    private TxVerdict verify(RawTx tx) {
        return TxVerifier.verify(tx.serialize(), f.terms(), f.wallet);
    }

    private static TxVerdict.Reason reason(TxVerdict v) {
        assertThat(v).isInstanceOf(TxVerdict.Rejected.class);
        return ((TxVerdict.Rejected) v).reason();
    }

    @Test
    void acceptsHonestReferenceStyleCoinJoinAndNamesOurInputs() {
        TxVerdict v = verify(f.honestTx());
        assertThat(v).isInstanceOf(TxVerdict.Accepted.class);
        TxVerdict.Accepted a = (TxVerdict.Accepted) v;
        assertThat(a.ourInputIndexes()).containsExactly(1, 2);
        assertThat(a.expectedChange()).isEqualTo(Sats.of(CoinJoinFixture.EXPECTED_CHANGE));
    }

    @Test
    void acceptsNgStyleLocktimeZeroAndFinalSequences() {
        RawTx tx = f.honestTx();
        tx.lockTime = 0;
        tx.inputs.forEach(i -> i.sequence = 0xFFFF_FFFFL);
        assertThat(verify(tx)).isInstanceOf(TxVerdict.Accepted.class);
    }

    @Test
    void acceptsSegwitSerialisationWithEmptyWitnesses() {
        RawTx tx = f.honestTx();
        tx.forceSegwit = true;
        assertThat(verify(tx)).isInstanceOf(TxVerdict.Accepted.class);
    }

    @Test
    void acceptsTakerOverpayingUs() {
        RawTx tx = f.honestTx();
        tx.outputs.get(1).value += 1000;
        tx.outputs.get(2).value += 1;
        assertThat(verify(tx)).isInstanceOf(TxVerdict.Accepted.class);
    }

    @Test
    void acceptsVersionOneAndThree() {
        for (long version : new long[] {1, 3}) {
            RawTx tx = f.honestTx();
            tx.version = version;
            assertThat(verify(tx)).as("version %d", version).isInstanceOf(TxVerdict.Accepted.class);
        }
    }

    @Test
    void acceptsChangeExactlyAtWhatWeAreOwed() {
        RawTx tx = f.honestTx();
        assertThat(tx.outputs.get(1).value).isEqualTo(CoinJoinFixture.EXPECTED_CHANGE);
        assertThat(verify(tx)).isInstanceOf(TxVerdict.Accepted.class);
        tx.outputs.get(1).value -= 1;
        assertThat(reason(verify(tx))).isEqualTo(TxVerdict.Reason.CHANGE_OUTPUT_SHORT);
    }

    @Test
    void refusesWhenOurOwnTermsLeaveChangeBelowDust() {
        var t = f.terms();
        var tight = new CoinJoinTerms(t.declaredInputs(), t.scripts(),
                Sats.of(t.declaredTotal() - 27_299 + CoinJoinFixture.CJ_FEE - CoinJoinFixture.TX_FEE), t.cjFee(),
                t.txFee(), t.tipHeight());
        assertThat(tight.expectedChange()).isEqualTo(27_299);
        RawTx tx = f.honestTx();
        tx.outputs.get(2).value = tight.amount().value();
        tx.outputs.get(1).value = 27_299;
        assertThat(reason(TxVerifier.verify(tx.serialize(), tight, f.wallet)))
                .isEqualTo(TxVerdict.Reason.CHANGE_BELOW_DUST);
    }

    @Test
    void refusesRelativeLocktimeOnOurInputOnly() {
        RawTx tx = f.honestTx();
        tx.inputs.get(0).sequence = 10; // taker's own input: its business
        assertThat(verify(tx)).isInstanceOf(TxVerdict.Accepted.class);
        tx.inputs.get(1).sequence = 10;
        assertThat(reason(verify(tx))).isEqualTo(TxVerdict.Reason.SEQUENCE_NOT_SANE);
    }

    @Test
    void acceptsLocktimeAtTipPlusSlackAndRefusesBeyond() {
        RawTx tx = f.honestTx();
        tx.lockTime = CoinJoinFixture.TIP + TxVerifier.LOCKTIME_SLACK_BLOCKS;
        assertThat(verify(tx)).isInstanceOf(TxVerdict.Accepted.class);
        tx.lockTime += 1;
        assertThat(reason(verify(tx))).isEqualTo(TxVerdict.Reason.LOCKTIME_NOT_SANE);
    }

    @Test
    void refusesOversizedTransactionBeforeParsing() {
        byte[] big = new byte[TxVerifier.MAX_TX_BYTES + 1];
        assertThat(reason(TxVerifier.verify(big, f.terms(), f.wallet))).isEqualTo(TxVerdict.Reason.OVERSIZED_TX);
    }

    @Test
    void refusesHostileCountsWithoutAllocating() {
        // version, then an input count of 2^32-1 with nothing behind it
        byte[] raw = {2, 0, 0, 0, (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThat(reason(TxVerifier.verify(raw, f.terms(), f.wallet))).isEqualTo(TxVerdict.Reason.UNPARSABLE_TX);
        // 0xff-prefixed 8-byte count
        byte[] raw2 = {2, 0, 0, 0, (byte) 0xff, -1, -1, -1, -1, -1, -1, -1, 0x7f, 0, 0, 0, 0};
        assertThat(reason(TxVerifier.verify(raw2, f.terms(), f.wallet))).isEqualTo(TxVerdict.Reason.UNPARSABLE_TX);
    }

    @Test
    void neverThrowsAndNeverAcceptsOnRandomMutationsOfAnHonestTransaction() {
        byte[] honest = f.honestTx().serialize();
        Random rnd = new Random(42);
        int accepted = 0;
        for (int n = 0; n < 5_000; n++) {
            byte[] m = honest.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int k = 0; k < flips; k++) {
                m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
            }
            if (rnd.nextInt(10) == 0) {
                m = java.util.Arrays.copyOf(m, rnd.nextInt(m.length + 10));
            }
            TxVerdict v = TxVerifier.verify(m, f.terms(), f.wallet);
            if (v instanceof TxVerdict.Accepted a) {
                accepted++;
                // any accepted mutation must still pay us in full
                long cj = 0;
                long change = 0;
                for (var out : a.tx().getOutputs()) {
                    if (java.util.Arrays.equals(out.getScriptBytes(), f.cjScript)) {
                        cj += out.getValue().value;
                    }
                    if (java.util.Arrays.equals(out.getScriptBytes(), f.changeScript)) {
                        change += out.getValue().value;
                    }
                }
                assertThat(cj).isGreaterThanOrEqualTo(CoinJoinFixture.AMOUNT);
                assertThat(change).isGreaterThanOrEqualTo(CoinJoinFixture.EXPECTED_CHANGE);
            }
        }
        assertThat(accepted).isLessThan(5_000);
    }

    @Test
    void parseRejectsGarbageAndReadsSignedTransactions() {
        assertThat(TxVerifier.parse(new byte[] {1, 2, 3})).isEmpty();
        assertThat(TxVerifier.parse(null)).isEmpty();
        RawTx tx = f.honestTx();
        tx.inputs.get(1).witness.add(new byte[71]);
        tx.inputs.get(1).witness.add(new byte[33]);
        assertThat(TxVerifier.parse(tx.serialize())).isPresent();
    }
}
