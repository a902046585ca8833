package jm.maker.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jm.core.Nick;
import org.junit.jupiter.api.Test;

class LimitsTest {
    static final Instant T0 = Instant.parse("2026-11-26T04:00:00Z");
    static final Nick A = new Nick("J56Qu3cvNvi3Y1vt");
    static final Nick B = new Nick("J59ZjjDtY2v1G1F9");

    @Test
    void deduplicatesTheSameMessageFromSeveralDirectoriesWithinThirtySeconds() {
        Deduplicator d = new Deduplicator();
        String fill = "0 1000000 " + "cd".repeat(32) + " P" + "ab".repeat(32);
        assertThat(d.firstSeen(A, "fill", fill, T0)).isTrue();
        assertThat(d.firstSeen(A, "fill", fill, T0.plusSeconds(1))).isFalse();
        assertThat(d.firstSeen(B, "fill", fill, T0.plusSeconds(1))).isTrue();
        assertThat(d.firstSeen(A, "fill", fill, T0.plusSeconds(31))).isTrue();
    }

    @Test
    void fillFingerprintUsesOidAndCommitmentSoANewCommitmentIsNotADuplicate() {
        assertThat(Deduplicator.fingerprint(A, "fill", "0 1000 pk P11")).isEqualTo(A + ":fill:0:P11");
        Deduplicator d = new Deduplicator();
        assertThat(d.firstSeen(A, "fill", "0 1000 pk P11", T0)).isTrue();
        assertThat(d.firstSeen(A, "fill", "0 1000 pk P22", T0)).isTrue();
        assertThat(d.firstSeen(A, "auth", "ciphertextX", T0)).isTrue();
        assertThat(d.firstSeen(A, "auth", "ciphertextX", T0)).isFalse();
    }

    @Test
    void neverDeduplicatesOrderbook() {
        Deduplicator d = new Deduplicator();
        assertThat(d.firstSeen(A, "orderbook", "", T0)).isTrue();
        assertThat(d.firstSeen(A, "orderbook", "", T0)).isTrue();
    }

    @Test
    void deduplicatorStaysBounded() {
        Deduplicator d = new Deduplicator(Duration.ofSeconds(30), 100);
        for (int i = 0; i < 1000; i++) {
            d.firstSeen("fp" + i, T0);
        }
        assertThat(d.size()).isEqualTo(100);
    }

    @Test
    void relayedOrderbookLimiterEscalatesAndBansAfterHundredViolations() {
        RelayedTrafficLimiter l = new RelayedTrafficLimiter();
        assertThat(l.orderbook(A, T0)).isEqualTo(RelayedTrafficLimiter.Decision.ANSWER);
        assertThat(l.orderbook(A, T0.plusSeconds(5))).isEqualTo(RelayedTrafficLimiter.Decision.DROP);
        assertThat(l.orderbook(A, T0.plusSeconds(10))).isEqualTo(RelayedTrafficLimiter.Decision.ANSWER);
        for (int i = 0; i < 9; i++) {
            l.orderbook(A, T0.plusSeconds(11));
        }
        assertThat(l.violations(A)).isEqualTo(10);
        // interval is now 60 s
        assertThat(l.orderbook(A, T0.plusSeconds(30))).isEqualTo(RelayedTrafficLimiter.Decision.DROP);
        assertThat(l.orderbook(A, T0.plusSeconds(71))).isEqualTo(RelayedTrafficLimiter.Decision.ANSWER);
        RelayedTrafficLimiter.Decision last = null;
        for (int i = 0; i < 100 && last != RelayedTrafficLimiter.Decision.BANNED; i++) {
            last = l.orderbook(A, T0.plusSeconds(72));
        }
        assertThat(last).isEqualTo(RelayedTrafficLimiter.Decision.BANNED);
        assertThat(l.allowMessage(A, T0.plusSeconds(100))).isFalse();
        assertThat(l.orderbook(B, T0.plusSeconds(100))).isEqualTo(RelayedTrafficLimiter.Decision.ANSWER);
        // ban expiry resets the counter
        Instant after = T0.plusSeconds(72).plus(RelayedTrafficLimiter.BAN);
        assertThat(l.orderbook(A, after)).isEqualTo(RelayedTrafficLimiter.Decision.ANSWER);
        assertThat(l.violations(A)).isZero();
    }

    @Test
    void relayedMessagesAreLimitedPerNick() {
        RelayedTrafficLimiter l = new RelayedTrafficLimiter();
        int ok = 0;
        for (int i = 0; i < 500; i++) {
            if (l.allowMessage(A, T0)) {
                ok++;
            }
        }
        assertThat(ok).isEqualTo(100);
        assertThat(l.allowMessage(B, T0)).isTrue();
    }

    @Test
    void orderbookBudgetServesActiveCoinJoinPeersFirstAndBoundsTheRest() {
        OrderbookBudget<String> budget = new OrderbookBudget<>(1, 3, 10, T0);
        for (int i = 0; i < 50; i++) {
            budget.submit("spam" + i, false);
        }
        budget.submit("active-taker", true);
        List<String> now = budget.drain(T0);
        assertThat(now.get(0)).isEqualTo("active-taker");
        assertThat(now).hasSize(4); // priority + burst of 3
        assertThat(budget.dropped()).isEqualTo(40);
        assertThat(budget.drain(T0)).isEmpty();
        assertThat(budget.drain(T0.plusSeconds(2))).hasSize(2);
        // even with the budget exhausted, an active peer is answered
        budget.submit("active-taker", true);
        assertThat(budget.drain(T0.plusSeconds(2))).containsExactly("active-taker");
    }
}
