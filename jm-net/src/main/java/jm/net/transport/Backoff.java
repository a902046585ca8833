package jm.net.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Jittered exponential backoff for reconnecting to a directory: attempt {@code n} (0-based) waits
 * {@code min(initial * multiplier^n, max)} plus a uniformly random jitter in
 * {@code [jitterMin, jitterMax]}, never less than zero. The reference client uses 4 s x 1.5 per
 * attempt with -1..+5 s of jitter (PROTOCOL.md 1.5).
 *
 * @param initial delay before the first retry (without jitter)
 * @param multiplier growth per attempt, at least 1
 * @param max cap of the un-jittered delay
 * @param jitterMin lower bound of the added jitter (may be negative)
 * @param jitterMax upper bound of the added jitter
 */
public record Backoff(Duration initial, double multiplier, Duration max, Duration jitterMin, Duration jitterMax) {
    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(jitterMin, "jitterMin");
        Objects.requireNonNull(jitterMax, "jitterMax");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 <= initial <= max");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1");
        }
        if (jitterMax.compareTo(jitterMin) < 0) {
            throw new IllegalArgumentException("jitterMax < jitterMin");
        }
    }

    /** The reference client's schedule: 4 s x 1.5, jitter -1..+5 s, capped at 10 minutes here. */
    public static Backoff defaults() {
        return new Backoff(Duration.ofSeconds(4), 1.5, Duration.ofMinutes(10), Duration.ofSeconds(-1),
                Duration.ofSeconds(5));
    }

    /** The delay before retry number {@code attempt} (0-based). */
    public Duration delay(int attempt, RandomGenerator random) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt < 0");
        }
        double base = initial.toMillis() * Math.pow(multiplier, Math.min(attempt, 1_000));
        long baseMillis = (long) Math.min(base, (double) max.toMillis());
        long jMin = jitterMin.toMillis();
        long jMax = jitterMax.toMillis();
        long jitter = jMax == jMin ? jMin : jMin + random.nextLong(jMax - jMin + 1);
        return Duration.ofMillis(Math.max(0, baseMillis + jitter));
    }
}
