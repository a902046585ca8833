package jm.maker.limit;

import java.time.Instant;

/** A token bucket refilled continuously at {@code ratePerSecond} up to {@code burst}; starts full. */
public final class TokenBucket {
    private final double ratePerSecond;
    private final double burst;
    private double tokens;
    private Instant last;

    public TokenBucket(double ratePerSecond, double burst, Instant now) {
        if (!(ratePerSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("bad bucket " + ratePerSecond + "/" + burst);
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes one token if available. */
    public boolean tryTake(Instant now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Tokens available now (for tests and status). */
    public double available(Instant now) {
        refill(now);
        return tokens;
    }

    private void refill(Instant now) {
        if (now.isAfter(last)) {
            double seconds = (now.toEpochMilli() - last.toEpochMilli()) / 1000.0;
            tokens = Math.min(burst, tokens + seconds * ratePerSecond);
            last = now;
        }
    }
}
