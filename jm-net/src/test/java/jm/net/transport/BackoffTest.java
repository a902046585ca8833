package jm.net.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff noJitter = new Backoff(Duration.ofSeconds(4), 1.5, Duration.ofSeconds(60),
            Duration.ZERO, Duration.ZERO);

    @Test
    void growsGeometricallyFromTheInitialDelay() {
        SplittableRandom r = new SplittableRandom(1);
        assertThat(noJitter.delay(0, r)).isEqualTo(Duration.ofSeconds(4));
        assertThat(noJitter.delay(1, r)).isEqualTo(Duration.ofSeconds(6));
        assertThat(noJitter.delay(2, r)).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void neverExceedsTheCapEvenAfterManyAttempts() {
        SplittableRandom r = new SplittableRandom(1);
        assertThat(noJitter.delay(50, r)).isEqualTo(Duration.ofSeconds(60));
        assertThat(noJitter.delay(Integer.MAX_VALUE, r)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void addsJitterWithinItsBoundsAndNotAlwaysTheSame() {
        Backoff b = Backoff.defaults();
        SplittableRandom r = new SplittableRandom(42);
        java.util.Set<Duration> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            Duration d = b.delay(0, r);
            assertThat(d).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(9));
            seen.add(d);
        }
        assertThat(seen.size()).isGreaterThan(10);
    }

    @Test
    void neverReturnsANegativeDelay() {
        Backoff b = new Backoff(Duration.ZERO, 1, Duration.ZERO, Duration.ofSeconds(-5), Duration.ofSeconds(-1));
        assertThat(b.delay(3, new SplittableRandom(3))).isEqualTo(Duration.ZERO);
    }

    @Test
    void rejectsAShrinkingMultiplier() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2), Duration.ZERO,
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
