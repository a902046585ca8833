package jm.core.limit;

import java.time.Instant;

/**
 * A token bucket: it starts full with {@code burst} tokens, refills continuously at
 * {@code ratePerSecond} up to {@code burst}, and each admitted message takes one token.
 *
 * <p>Time is passed in on every call, either as monotonic nanoseconds ({@code System.nanoTime()}
 * or a test counter) or as an {@link Instant} from a {@code Clock}; one bucket must keep to one
 * of the two time bases. Time going backwards refills nothing. Not thread-safe: one owner each
 * (a connection's event loop, a session's executor).
 */
public final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    /** A full bucket at {@code nowNanos}. */
    public TokenBucket(double ratePerSecond, double burst, long nowNanos) {
        if (!(ratePerSecond > 0) || !(burst >= 1) || Double.isInfinite(burst)) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1 (rate " + ratePerSecond
                    + ", burst " + burst + ")");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** A full bucket at {@code now} (clock-based callers). */
    public TokenBucket(double ratePerSecond, double burst, Instant now) {
        this(ratePerSecond, burst, nanos(now));
    }

    /** Takes one token if available; returns false (and takes nothing) when the bucket is empty. */
    public boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** {@link #tryTake(long)} for clock-based callers. */
    public boolean tryTake(Instant now) {
        return tryTake(nanos(now));
    }

    /** Tokens available at {@code nowNanos} (for tests and metrics). */
    public double available(long nowNanos) {
        refill(nowNanos);
        return tokens;
    }

    /** {@link #available(long)} for clock-based callers. */
    public double available(Instant now) {
        return available(nanos(now));
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * ratePerNano);
            lastNanos = nowNanos;
        }
    }

    /** Nanoseconds since the epoch, saturated to the long range (far past/future instants). */
    static long nanos(Instant t) {
        long s = t.getEpochSecond();
        if (s >= Long.MAX_VALUE / 1_000_000_000L) {
            return Long.MAX_VALUE;
        }
        if (s <= Long.MIN_VALUE / 1_000_000_000L) {
            return Long.MIN_VALUE;
        }
        return s * 1_000_000_000L + t.getNano();
    }
}
