package jm.taker.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A clock that only moves when a test advances it. Thread-safe. */
public final class FakeClock extends Clock {
    private final Instant start = Instant.parse("2026-01-01T00:00:00Z");
    private volatile Instant now = start;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    /** How far the clock has been advanced. */
    public Duration elapsed() {
        return Duration.between(start, now);
    }

    /**
     * Advances the clock by {@code step} each time {@code f} has not completed within {@code realWait}
     * of real time (at most 100 steps), and returns its value.
     */
    public <T> T advanceUntilDone(CompletableFuture<T> f, Duration step, Duration realWait) throws Exception {
        for (int i = 0; i < 100; i++) {
            try {
                return f.get(realWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                advance(step);
            }
        }
        return f.get(realWait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
