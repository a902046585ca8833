package jm.maker.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jm.core.Nick;
import jm.maker.testing.CoinJoinFixture;
import jm.maker.testing.TestCipher;
import org.junit.jupiter.api.Test;

class SessionTableTest {
    static final Nick TAKER = new Nick("J56Qu3cvNvi3Y1vt");
    static final Nick OTHER = new Nick("J59ZjjDtY2v1G1F9");
    static final Nick OWN_TAKER = new Nick("J5Eh3UUSxHmMPnyf");
    static final Instant T0 = Instant.parse("2026-11-26T04:00:00Z");
    static final String C1 = "45bdb19c549f8b30865801752d1796b0a74dfd6ff8a506af852568e9348436d2";
    static final String C2 = "11".repeat(32);
    static final OfferLookup OFFERS = oid -> oid == 0
            ? Optional.of(new OfferLookup.SizeRange(100_000, 4_000_000)) : Optional.empty();

    final Set<String> blacklist = new HashSet<>();
    final SessionTable table = new SessionTable(OWN_TAKER::equals, blacklist::contains);

    static FillRequest fill(long amount, String commitment) {
        return new FillRequest(0, amount, "cd".repeat(32), commitment);
    }

    FillDecision.Reason rejected(FillDecision d) {
        assertThat(d).isInstanceOf(FillDecision.Rejected.class);
        return ((FillDecision.Rejected) d).reason();
    }

    @Test
    void acceptsValidFillAndWaitsForAuth() {
        FillDecision d = table.fill(TAKER, fill(1_000_000, "P" + C1), OFFERS, new TestCipher("a"), T0);
        assertThat(d).isInstanceOf(FillDecision.Accepted.class);
        MakerSession s = ((FillDecision.Accepted) d).session();
        assertThat(s.state()).isEqualTo(SessionState.PUBKEY_SENT);
        assertThat(s.commitmentHex()).isEqualTo(C1);
        assertThat(table.forAuth(TAKER, T0.plusSeconds(1))).isEqualTo(new StepResult.Found(s));
    }

    @Test
    void lowercasesUppercaseCommitment() {
        FillDecision d = table.fill(TAKER, fill(1_000_000, "P" + C1.toUpperCase()), OFFERS, new TestCipher("a"), T0);
        assertThat(((FillDecision.Accepted) d).session().commitmentHex()).isEqualTo(C1);
    }

    @Test
    void ignoresFillFromOurOwnTakerWithoutErrorText() {
        FillDecision d = table.fill(OWN_TAKER, fill(1_000_000, "P" + C1), OFFERS, new TestCipher("a"), T0);
        assertThat(rejected(d)).isEqualTo(FillDecision.Reason.OWN_NICK);
        assertThat(((FillDecision.Rejected) d).errorText()).isEmpty();
    }

    @Test
    void rejectsCommitmentWithoutPPrefixOrWrongLength() {
        for (String c : List.of(C1, "Q" + C1, "P" + C1.substring(1), "P" + C1 + "0", "P" + "zz".repeat(32), "")) {
            assertThat(rejected(table.fill(TAKER, fill(1_000_000, c), OFFERS, new TestCipher("a"), T0)))
                    .as(c).isEqualTo(FillDecision.Reason.BAD_COMMITMENT);
        }
    }

    @Test
    void rejectsBlacklistedCommitmentWithReferenceErrorText() {
        blacklist.add(C1);
        FillDecision d = table.fill(TAKER, fill(1_000_000, "P" + C1), OFFERS, new TestCipher("a"), T0);
        assertThat(rejected(d)).isEqualTo(FillDecision.Reason.COMMITMENT_BLACKLISTED);
        assertThat(((FillDecision.Rejected) d).errorText()).isEqualTo("Commitment is blacklisted: " + C1);
    }

    @Test
    void rejectsCommitmentHeldByAnotherTakersLiveSession() {
        table.fill(TAKER, fill(1_000_000, "P" + C1), OFFERS, new TestCipher("a"), T0);
        assertThat(rejected(table.fill(OTHER, fill(1_000_000, "P" + C1), OFFERS, new TestCipher("b"), T0)))
                .isEqualTo(FillDecision.Reason.COMMITMENT_IN_USE);
        // once that session timed out, the commitment is free again
        assertThat(table.fill(OTHER, fill(1_000_000, "P" + C1), OFFERS, new TestCipher("b"),
                T0.plus(SessionTable.DEFAULT_TIMEOUT))).isInstanceOf(FillDecision.Accepted.class);
    }

    @Test
    void rejectsUnknownOidAndAmountsOutsideTheOfferInclusive() {
        assertThat(rejected(table.fill(TAKER, new FillRequest(7, 1_000_000, "cd".repeat(32), "P" + C1), OFFERS,
                new TestCipher("a"), T0))).isEqualTo(FillDecision.Reason.UNKNOWN_OID);
        assertThat(rejected(table.fill(TAKER, fill(99_999, "P" + C1), OFFERS, new TestCipher("a"), T0)))
                .isEqualTo(FillDecision.Reason.AMOUNT_OUT_OF_RANGE);
        assertThat(rejected(table.fill(TAKER, fill(4_000_001, "P" + C1), OFFERS, new TestCipher("a"), T0)))
                .isEqualTo(FillDecision.Reason.AMOUNT_OUT_OF_RANGE);
        assertThat(table.fill(TAKER, fill(100_000, "P" + C1), OFFERS, new TestCipher("a"), T0))
                .isInstanceOf(FillDecision.Accepted.class);
        assertThat(table.fill(TAKER, fill(4_000_000, "P" + C1), OFFERS, new TestCipher("a"), T0))
                .isInstanceOf(FillDecision.Accepted.class);
    }

    @Test
    void rejectsMalformedTakerBoxKey() {
        for (String pk : List.of("cd".repeat(31), "cd".repeat(33), "zz".repeat(32))) {
            assertThat(rejected(table.fill(TAKER, new FillRequest(0, 1_000_000, pk, "P" + C1), OFFERS,
                    new TestCipher("a"), T0))).isEqualTo(FillDecision.Reason.BAD_BOX_KEY);
        }
    }

    @Test
    void newFillBeforeAuthReplacesTheSessionAndReturnsTheOldOne() {
        MakerSession first = ((FillDecision.Accepted) table.fill(TAKER, fill(1_000_000, "P" + C1), OFFERS,
                new TestCipher("a"), T0)).session();
        FillDecision d = table.fill(TAKER, fill(2_000_000, "P" + C2), OFFERS, new TestCipher("b"), T0.plusSeconds(3));
        FillDecision.Accepted a = (FillDecision.Accepted) d;
        assertThat(a.replaced()).contains(first);
        assertThat(a.session().fill().amount()).isEqualTo(2_000_000);
        assertThat(table.size()).isEqualTo(1);
        // the first session's commitment is no longer held
        assertThat(table.fill(OTHER, fill(1_000_000, "P" + C1), OFFERS, new TestCipher("c"), T0.plusSeconds(4)))
                .isInstanceOf(FillDecision.Accepted.class);
    }

    @Test
    void theSameFillAgainDuringItsLiveSessionIsIgnoredSilently() {
        MakerSession s = ((FillDecision.Accepted) table.fill(TAKER, fill(1_000_000, "P" + C1), OFFERS,
                new TestCipher("a"), T0)).session();
        table.ioauthSent(s, new CoinJoinFixture().terms());
        blacklist.add(C1); // consumed at !auth
        FillDecision again = table.fill(TAKER, fill(1_000_000, "P" + C1), OFFERS, new TestCipher("b"), T0.plusSeconds(60));
        assertThat(rejected(again)).isEqualTo(FillDecision.Reason.DUPLICATE);
        assertThat(((FillDecision.Rejected) again).errorText()).isEmpty();
        assertThat(table.get(TAKER)).contains(s);
        // once the session is over, the same !fill is judged afresh
        table.abort(TAKER);
        assertThat(rejected(table.fill(TAKER, fill(1_000_000, "P" + C1), OFFERS, new TestCipher("c"), T0.plusSeconds(61))))
                .isEqualTo(FillDecision.Reason.COMMITMENT_BLACKLISTED);
    }

    @Test
    void authBeforeFillAndTwiceIsRefused() {
        assertThat(table.forAuth(TAKER, T0)).isEqualTo(new StepResult.Refused(StepResult.Reason.NO_SESSION));
        MakerSession s = ((FillDecision.Accepted) table.fill(TAKER, fill(1_000_000, "P" + C1), OFFERS,
                new TestCipher("a"), T0)).session();
        table.ioauthSent(s, new CoinJoinFixture().terms());
        assertThat(table.forAuth(TAKER, T0.plusSeconds(1)))
                .isEqualTo(new StepResult.Refused(StepResult.Reason.WRONG_STATE));
    }

    @Test
    void authAfterTimeoutIsRefusedAndSessionRemoved() {
        table.fill(TAKER, fill(1_000_000, "P" + C1), OFFERS, new TestCipher("a"), T0);
        assertThat(table.forAuth(TAKER, T0.plus(Duration.ofSeconds(299)))).isInstanceOf(StepResult.Found.class);
        assertThat(table.forAuth(TAKER, T0.plus(Duration.ofSeconds(300))))
                .isEqualTo(new StepResult.Refused(StepResult.Reason.SESSION_EXPIRED));
        assertThat(table.size()).isZero();
    }

    @Test
    void expireReturnsUnsignedSessionsForReservationRelease() {
        MakerSession s = ((FillDecision.Accepted) table.fill(TAKER, fill(1_000_000, "P" + C1), OFFERS,
                new TestCipher("a"), T0)).session();
        assertThat(table.commitmentVerified(TAKER, T0)).as("a bare !fill verifies nothing").isFalse();
        table.ioauthSent(s, new CoinJoinFixture().terms());
        assertThat(table.commitmentVerified(TAKER, T0.plusSeconds(299))).isTrue();
        assertThat(table.expire(T0.plusSeconds(299))).isEmpty();
        assertThat(table.expire(T0.plusSeconds(300))).containsExactly(s);
        assertThat(table.commitmentVerified(TAKER, T0.plusSeconds(300))).isFalse();
    }

    @Test
    void boundsConcurrentSessionsEvictingOnlyTheOldestOneStillWaitingForAuth() {
        SessionTable small = new SessionTable(n -> false, c -> false, SessionTable.DEFAULT_TIMEOUT,
                SessionTable.DEFAULT_PUSH_WINDOW, 1);
        MakerSession first = ((FillDecision.Accepted) small.fill(TAKER, fill(1_000_000, "P" + C1), OFFERS,
                new TestCipher("a"), T0)).session();
        // a bare !fill holds nothing: a new taker's !fill takes its place
        assertThat(small.fill(OTHER, fill(1_000_000, "P" + C2), OFFERS, new TestCipher("b"), T0))
                .isInstanceOf(FillDecision.Accepted.class);
        assertThat(small.get(TAKER)).isEmpty();
        // a session past !auth is never evicted
        small.ioauthSent(small.get(OTHER).orElseThrow(), new CoinJoinFixture().terms());
        assertThat(rejected(small.fill(TAKER, fill(1_000_000, "P" + C1), OFFERS, new TestCipher("c"), T0)))
                .isEqualTo(FillDecision.Reason.TOO_MANY_SESSIONS);
        assertThat(small.commitmentVerifiedTakers(T0)).containsExactly(OTHER);
        assertThat(first.taker()).isEqualTo(TAKER);
        // the same taker may still replace its own session (a new attempt: a fresh box key)
        assertThat(small.fill(OTHER, new FillRequest(0, 1_000_000, "ce".repeat(32), "P" + C2), OFFERS,
                new TestCipher("d"), T0))
                .isInstanceOf(FillDecision.Accepted.class);
    }

    @Test
    void abortEndsTheSession() {
        table.fill(TAKER, fill(1_000_000, "P" + C1), OFFERS, new TestCipher("a"), T0);
        assertThat(table.abort(TAKER)).isPresent();
        assertThat(table.forAuth(TAKER, T0)).isEqualTo(new StepResult.Refused(StepResult.Reason.NO_SESSION));
    }
}
