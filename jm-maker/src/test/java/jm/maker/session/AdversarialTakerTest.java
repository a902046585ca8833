package jm.maker.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import jm.core.Nick;
import jm.core.Sats;
import jm.maker.testing.CoinJoinFixture;
import jm.maker.testing.RawTx;
import jm.maker.testing.TestCipher;
import jm.maker.tx.CoinJoinTerms;
import jm.maker.tx.TxVerdict.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A taker who tries to make us sign something that costs us money or exposes coins we did not
 * offer. Every case must be refused with its exact reason, and the signer must never be called.
 */
class AdversarialTakerTest {
    static final Nick TAKER = new Nick("J56Qu3cvNvi3Y1vt");
    static final Nick OTHER_TAKER = new Nick("J59ZjjDtY2v1G1F9");
    static final Instant T0 = Instant.parse("2026-11-26T04:00:00Z");
    static final String COMMITMENT = "P" + "45bdb19c549f8b30865801752d1796b0a74dfd6ff8a506af852568e9348436d2";

    final CoinJoinFixture f = new CoinJoinFixture();
    final List<Integer> signerCalls = new ArrayList<>();
    final InputSigner spySigner = (tx, index, op, value) -> {
        signerCalls.add(index);
        return new byte[] {1, 2, 3};
    };
    final SessionTable table = new SessionTable(n -> false, c -> false);
    final TestCipher cipher = new TestCipher("session-1");

    /** Brings a session with TAKER to IOAUTH_SENT with the fixture's terms. */
    MakerSession sessionAwaitingTx(CoinJoinTerms terms) {
        FillRequest fill = new FillRequest(0, terms.amount().value(), "cd".repeat(32), COMMITMENT);
        FillDecision d = table.fill(TAKER, fill, oid -> Optional.of(new OfferLookup.SizeRange(100_000, 4_000_000)),
                cipher, T0);
        assertThat(d).isInstanceOf(FillDecision.Accepted.class);
        MakerSession s = ((StepResult.Found) table.forAuth(TAKER, T0.plusSeconds(1))).session();
        table.ioauthSent(s, terms);
        return s;
    }

    String encryptTx(RawTx tx) {
        return cipher.encrypt(Base64.getEncoder().encodeToString(tx.serialize()));
    }

    void assertRefused(TxOutcome outcome, Reason reason) {
        assertThat(outcome).isInstanceOf(TxOutcome.Refused.class);
        assertThat(((TxOutcome.Refused) outcome).reason()).isEqualTo(reason);
        assertThat(signerCalls).as("signer calls").isEmpty();
    }

    record Attack(String name, Consumer<RawTx> mutate, Reason reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> maliciousTransactions() {
        CoinJoinFixture f = new CoinJoinFixture();
        long a = CoinJoinFixture.AMOUNT;
        long ch = CoinJoinFixture.EXPECTED_CHANGE;
        return Stream.of(
                new Attack("short CoinJoin output", tx -> tx.outputs.get(2).value = a - 1, Reason.CJ_OUTPUT_SHORT),
                new Attack("change stolen (paid to the taker)", tx -> tx.outputs.get(1).script = f.takerChangeScript,
                        Reason.CHANGE_OUTPUT_MISSING),
                new Attack("change short by one sat", tx -> tx.outputs.get(1).value = ch - 1,
                        Reason.CHANGE_OUTPUT_SHORT),
                new Attack("extra output paid from our coins", tx -> {
                    tx.outputs.get(1).value -= 100_000;
                    tx.out(100_000, f.takerCjScript);
                }, Reason.CHANGE_OUTPUT_SHORT),
                new Attack("mining fee taken from us", tx -> tx.outputs.get(1).value -= 500,
                        Reason.CHANGE_OUTPUT_SHORT),
                new Attack("one of our inputs missing", tx -> tx.inputs.remove(2), Reason.MISSING_OUR_INPUT),
                new Attack("undeclared coin of ours added", tx -> tx.in(f.ourUndeclared), Reason.UNDECLARED_OWN_INPUT),
                new Attack("our P2WSH fidelity-bond coin spent", tx -> tx.in(f.ourBondCoin),
                        Reason.UNDECLARED_OWN_INPUT),
                new Attack("our input twice", tx -> tx.in(f.ourInput1), Reason.DUPLICATE_INPUT),
                new Attack("extra output to a different address of ours", tx -> tx.out(10_000, f.otherOwnScript),
                        Reason.OUTPUT_TO_OTHER_OWN_SCRIPT),
                new Attack("change to a different address of ours", tx -> tx.outputs.get(1).script = f.otherOwnScript,
                        Reason.OUTPUT_TO_OTHER_OWN_SCRIPT),
                new Attack("output to our bond script", tx -> tx.out(10_000, f.bondScript),
                        Reason.OUTPUT_TO_OTHER_OWN_SCRIPT),
                new Attack("change below the 27,300 dust threshold", tx -> tx.outputs.get(1).value = 27_299,
                        Reason.CHANGE_BELOW_DUST),
                new Attack("our CoinJoin output split in two", tx -> {
                    tx.outputs.get(2).value = a / 2;
                    tx.out(a / 2, f.cjScript);
                }, Reason.CJ_OUTPUT_DUPLICATED),
                new Attack("CoinJoin output paying our address twice", tx -> tx.out(a, f.cjScript),
                        Reason.CJ_OUTPUT_DUPLICATED),
                new Attack("change output paying our address twice", tx -> tx.out(ch, f.changeScript),
                        Reason.CHANGE_OUTPUT_DUPLICATED),
                new Attack("CoinJoin output missing", tx -> tx.outputs.remove(2), Reason.CJ_OUTPUT_MISSING),
                new Attack("tx for a smaller amount than the fill", tx -> {
                    tx.outputs.get(0).value = a - 100_000;
                    tx.outputs.get(2).value = a - 100_000;
                    tx.outputs.get(1).value = ch + 100_000;
                }, Reason.CJ_OUTPUT_SHORT),
                new Attack("segwit-serialised with a non-empty witness on our input",
                        tx -> tx.inputs.get(1).witness.add(new byte[72]), Reason.NON_EMPTY_WITNESS),
                new Attack("segwit-serialised with a non-empty witness on the taker input",
                        tx -> tx.inputs.get(0).witness.add(new byte[72]), Reason.NON_EMPTY_WITNESS),
                new Attack("scriptSig on our input", tx -> tx.inputs.get(1).scriptSig = new byte[] {0x51},
                        Reason.NON_EMPTY_SCRIPT_SIG),
                new Attack("version 0", tx -> tx.version = 0, Reason.UNSUPPORTED_VERSION),
                new Attack("version 4", tx -> tx.version = 4, Reason.UNSUPPORTED_VERSION),
                new Attack("version 0xffffffff", tx -> tx.version = 0xFFFF_FFFFL, Reason.UNSUPPORTED_VERSION),
                new Attack("no outputs", tx -> tx.outputs.clear(), Reason.NO_OUTPUTS),
                new Attack("time-based locktime", tx -> tx.lockTime = 1_900_000_000L, Reason.LOCKTIME_NOT_SANE),
                new Attack("locktime a year ahead", tx -> tx.lockTime = CoinJoinFixture.TIP + 52_560,
                        Reason.LOCKTIME_NOT_SANE),
                new Attack("relative locktime on our input", tx -> tx.inputs.get(2).sequence = 144,
                        Reason.SEQUENCE_NOT_SANE),
                new Attack("output value above 21M BTC", tx -> tx.out(Sats.MAX_MONEY + 1, f.takerCjScript),
                        Reason.OUTPUT_VALUE_OUT_OF_RANGE),
                new Attack("negative output value", tx -> tx.out(-1, f.takerCjScript),
                        Reason.OUTPUT_VALUE_OUT_OF_RANGE),
                new Attack("outputs overflowing in total", tx -> {
                    tx.out(Sats.MAX_MONEY, f.takerCjScript);
                    tx.out(Sats.MAX_MONEY, f.takerChangeScript);
                }, Reason.OUTPUT_VALUE_OUT_OF_RANGE)
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maliciousTransactions")
    void refusesMaliciousTransactionAndSignsNothing(Attack attack) {
        MakerSession s = sessionAwaitingTx(f.terms());
        RawTx tx = f.honestTx();
        attack.mutate().accept(tx);
        assertRefused(table.onTx(TAKER, encryptTx(tx), f.wallet, spySigner, T0.plusSeconds(5)), attack.reason());
        assertThat(s.state()).isEqualTo(SessionState.IOAUTH_SENT);
    }

    @Test
    void refusesTrailingBytesAfterTheTransaction() {
        sessionAwaitingTx(f.terms());
        byte[] raw = f.honestTx().serialize();
        byte[] longer = java.util.Arrays.copyOf(raw, raw.length + 1);
        String ct = cipher.encrypt(Base64.getEncoder().encodeToString(longer));
        assertRefused(table.onTx(TAKER, ct, f.wallet, spySigner, T0.plusSeconds(5)), Reason.TRAILING_BYTES);
    }

    @Test
    void refusesTruncatedTransaction() {
        sessionAwaitingTx(f.terms());
        byte[] raw = f.honestTx().serialize();
        String ct = cipher.encrypt(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, raw.length - 5)));
        assertRefused(table.onTx(TAKER, ct, f.wallet, spySigner, T0.plusSeconds(5)), Reason.UNPARSABLE_TX);
    }

    @Test
    void refusesUnparsableBase64() {
        sessionAwaitingTx(f.terms());
        assertRefused(table.onTx(TAKER, cipher.encrypt("not*base64!"), f.wallet, spySigner, T0.plusSeconds(5)),
                Reason.BAD_BASE64);
    }

    @Test
    void refusesTxEncryptedWithWrongBoxKey() {
        sessionAwaitingTx(f.terms());
        String ct = new TestCipher("attacker key").encrypt(Base64.getEncoder().encodeToString(f.honestTx().serialize()));
        assertRefused(table.onTx(TAKER, ct, f.wallet, spySigner, T0.plusSeconds(5)), Reason.UNDECRYPTABLE);
    }

    @Test
    void refusesTxBeforeAuth() {
        table.fill(TAKER, new FillRequest(0, CoinJoinFixture.AMOUNT, "cd".repeat(32), COMMITMENT),
                oid -> Optional.of(new OfferLookup.SizeRange(0, 5_000_000)), cipher, T0);
        assertRefused(table.onTx(TAKER, encryptTx(f.honestTx()), f.wallet, spySigner, T0.plusSeconds(1)),
                Reason.WRONG_STATE);
    }

    @Test
    void refusesTxFromAnotherNick() {
        sessionAwaitingTx(f.terms());
        assertRefused(table.onTx(OTHER_TAKER, encryptTx(f.honestTx()), f.wallet, spySigner, T0.plusSeconds(5)),
                Reason.NO_SESSION);
    }

    @Test
    void refusesTxAfterSessionTimedOut() {
        sessionAwaitingTx(f.terms());
        Instant late = T0.plus(SessionTable.DEFAULT_TIMEOUT);
        assertRefused(table.onTx(TAKER, encryptTx(f.honestTx()), f.wallet, spySigner, late), Reason.SESSION_EXPIRED);
        assertThat(table.get(TAKER)).isEmpty();
    }

    @Test
    void refusesReplayedTxOfAnOldSessionAfterANewFill() {
        sessionAwaitingTx(f.terms());
        String oldTx = encryptTx(f.honestTx());
        // the taker fills again: new session, new box
        TestCipher newCipher = new TestCipher("session-2");
        table.fill(TAKER, new FillRequest(0, CoinJoinFixture.AMOUNT, "ce".repeat(32), COMMITMENT),
                oid -> Optional.of(new OfferLookup.SizeRange(0, 5_000_000)), newCipher, T0.plusSeconds(10));
        MakerSession s2 = ((StepResult.Found) table.forAuth(TAKER, T0.plusSeconds(11))).session();
        table.ioauthSent(s2, f.terms());
        assertRefused(table.onTx(TAKER, oldTx, f.wallet, spySigner, T0.plusSeconds(12)), Reason.UNDECRYPTABLE);
    }

    @Test
    void refusesReplayedTxAfterSigning() {
        sessionAwaitingTx(f.terms());
        String ct = encryptTx(f.honestTx());
        assertThat(table.onTx(TAKER, ct, f.wallet, spySigner, T0.plusSeconds(5))).isInstanceOf(TxOutcome.Signed.class);
        signerCalls.clear();
        assertRefused(table.onTx(TAKER, ct, f.wallet, spySigner, T0.plusSeconds(6)), Reason.WRONG_STATE);
    }

    @Test
    void refusesNegativeEarningOffer() {
        CoinJoinTerms t = f.terms();
        CoinJoinTerms losing = new CoinJoinTerms(t.declaredInputs(), t.scripts(), t.amount(),
                Sats.of(10), Sats.of(11), t.tipHeight());
        sessionAwaitingTx(losing);
        RawTx tx = f.honestTx();
        tx.outputs.get(1).value = losing.expectedChange();
        assertRefused(table.onTx(TAKER, encryptTx(tx), f.wallet, spySigner, T0.plusSeconds(5)),
                Reason.NEGATIVE_EARNING);
    }

    @Test
    void signsHonestTransactionOncePerOwnInput() {
        sessionAwaitingTx(f.terms());
        TxOutcome out = table.onTx(TAKER, encryptTx(f.honestTx()), f.wallet, spySigner, T0.plusSeconds(5));
        assertThat(out).isInstanceOf(TxOutcome.Signed.class);
        assertThat(signerCalls).containsExactly(1, 2);
        assertThat(((TxOutcome.Signed) out).encryptedSigs()).hasSize(2);
        assertThat(table.get(TAKER).orElseThrow().state()).isEqualTo(SessionState.SIG_SENT);
    }

    @Test
    void pushesOnlyTheTransactionWeSignedForThatTakerAndOnlyOnce() {
        sessionAwaitingTx(f.terms());
        RawTx honest = f.honestTx();
        table.onTx(TAKER, encryptTx(honest), f.wallet, spySigner, T0.plusSeconds(5));
        // the signed version carries witnesses; its txid equals the unsigned one
        RawTx signedTx = honest.copy();
        signedTx.inputs.forEach(i -> {
            i.witness.add(new byte[72]);
            i.witness.add(new byte[33]);
        });
        String b64 = Base64.getEncoder().encodeToString(signedTx.serialize());

        RawTx other = f.honestTx();
        other.lockTime = 1;
        String neverSigned = Base64.getEncoder().encodeToString(other.serialize());
        assertThat(table.onPush(TAKER, neverSigned, T0.plusSeconds(6)))
                .isEqualTo(new PushDecision.Refused(PushDecision.Reason.NEVER_SIGNED));
        assertThat(table.onPush(OTHER_TAKER, b64, T0.plusSeconds(6)))
                .isEqualTo(new PushDecision.Refused(PushDecision.Reason.NEVER_SIGNED));
        assertThat(table.onPush(TAKER, "%%%", T0.plusSeconds(6)))
                .isEqualTo(new PushDecision.Refused(PushDecision.Reason.UNPARSABLE));
        assertThat(table.onPush(TAKER, b64, T0.plusSeconds(7))).isInstanceOf(PushDecision.Broadcast.class);
        assertThat(table.onPush(TAKER, b64, T0.plusSeconds(8)))
                .isEqualTo(new PushDecision.Refused(PushDecision.Reason.ALREADY_PUSHED));
    }

    @Test
    void refusesPushAfterThePendingWindow() {
        sessionAwaitingTx(f.terms());
        RawTx honest = f.honestTx();
        table.onTx(TAKER, encryptTx(honest), f.wallet, spySigner, T0.plusSeconds(5));
        String b64 = Base64.getEncoder().encodeToString(honest.serialize());
        Instant late = T0.plusSeconds(5).plus(SessionTable.DEFAULT_PUSH_WINDOW).plus(Duration.ofSeconds(1));
        assertThat(table.onPush(TAKER, b64, late)).isInstanceOf(PushDecision.Refused.class);
    }

    @Test
    void suiteHasAtLeastFifteenDistinctMaliciousTransactions() {
        assertThat(maliciousTransactions().count()).isGreaterThanOrEqualTo(15);
        assertThat(maliciousTransactions().map(x -> ((Attack) x.get()[0]).reason()).distinct().count())
                .isGreaterThanOrEqualTo(12);
        assertThat(Set.of(Reason.values())).contains(Reason.NO_SESSION);
    }
}
