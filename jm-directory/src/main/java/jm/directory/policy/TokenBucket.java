package jm.directory.policy;

/**
 * A token bucket: {@code burst} tokens, refilled at {@code ratePerSecond}; each message takes
 * one. Not thread-safe: a connection's buckets are touched only by its own event loop. Time is
 * passed in (monotonic nanoseconds) so tests need no clock.
 */
public final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    /** A full bucket at {@code nowNanos}. */
    public TokenBucket(double ratePerSecond, double burst, long nowNanos) {
        if (!(ratePerSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes one token if available; returns false (and takes nothing) when the bucket is empty. */
    public boolean tryTake(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * ratePerNano);
            lastNanos = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Tokens left now (for tests and metrics). */
    public double available(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        return Math.min(burst, tokens + elapsed * ratePerNano);
    }
}
