package jm.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand: fixed at a start instant, or the system clock plus what tests
 * added ({@link #systemPlusAdvances()}, for code that also needs time to pass by itself).
 * Thread-safe reads; one thread advances it.
 */
public final class MutableClock extends Clock {
    private final Clock base;
    private volatile Duration advanced = Duration.ZERO;

    public MutableClock(Instant start) {
        this(Clock.fixed(start, ZoneOffset.UTC));
    }

    private MutableClock(Clock base) {
        this.base = base;
    }

    /** The system clock plus every {@link #advance} so far (token expiry without waiting). */
    public static MutableClock systemPlusAdvances() {
        return new MutableClock(Clock.systemUTC());
    }

    public void advance(Duration d) {
        advanced = advanced.plus(d);
    }

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
        return base.instant().plus(advanced);
    }
}
