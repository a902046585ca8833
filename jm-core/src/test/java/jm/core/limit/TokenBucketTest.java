package jm.core.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one token bucket of jm-net, jm-directory and jm-maker, on both time bases. */
class TokenBucketTest {

    @Test
    void allowsTheBurstThenTheRateOnANanosecondCounter() {
        long now = 42;
        TokenBucket b = new TokenBucket(5, 20, now);
        assertThat(takes(b, now, 100)).isEqualTo(20);
        now += Duration.ofMillis(400).toNanos();
        assertThat(b.tryTake(now)).isTrue();
        assertThat(b.tryTake(now)).isTrue();
        assertThat(b.tryTake(now)).isFalse();
        now += Duration.ofHours(1).toNanos();
        assertThat(takes(b, now, 100)).isEqualTo(20);
    }

    @Test
    void refillsAtTheRateBetweenBursts() {
        long t = 0;
        TokenBucket b = new TokenBucket(500, 1_000, t);
        assertThat(takes(b, t, 1_500)).isEqualTo(1_000);
        t += 100_000_000L; // 100 ms -> 50 tokens
        assertThat(takes(b, t, 100)).isEqualTo(50);
    }

    /** How many of {@code attempts} takes at one instant succeed. */
    static int takes(TokenBucket b, long now, int attempts) {
        int ok = 0;
        for (int i = 0; i < attempts; i++) {
            if (b.tryTake(now)) {
                ok++;
            }
        }
        return ok;
    }

    @Test
    void allowsBurstThenRefillsAtRateOnClockInstants() {
        Instant t0 = Instant.parse("2026-11-26T04:00:00Z");
        TokenBucket b = new TokenBucket(5, 20, t0);
        int taken = 0;
        while (b.tryTake(t0)) {
            taken++;
        }
        assertThat(taken).isEqualTo(20);
        assertThat(b.tryTake(t0.plusMillis(100))).isFalse();
        assertThat(b.tryTake(t0.plusMillis(200))).isTrue();
        assertThat(b.available(t0.plusSeconds(100))).isEqualTo(20.0);
    }

    @Test
    void timeGoingBackwardsRefillsNothing() {
        TokenBucket b = new TokenBucket(1, 1, 1_000_000_000L);
        assertThat(b.tryTake(1_000_000_000L)).isTrue();
        assertThat(b.tryTake(0)).isFalse();
        assertThat(b.tryTake(1_500_000_000L)).isFalse();
        assertThat(b.tryTake(2_000_000_000L)).isTrue();
    }

    @Test
    void farFutureInstantsSaturateInsteadOfOverflowing() {
        TokenBucket b = new TokenBucket(1, 2, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(b.tryTake(Instant.MAX)).isTrue();
        assertThat(b.available(Instant.MAX)).isEqualTo(1.0);
        assertThat(TokenBucket.nanos(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void rejectsANonPositiveRateOrABurstBelowOne() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(Double.NaN, 1, 0L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0.5, 0L)).isInstanceOf(IllegalArgumentException.class);
    }
}
