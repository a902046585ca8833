package jm.chain.regtest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The node's clock, with Core's {@code -mocktime}/{@code setmocktime} semantics: a fixed Unix
 * time while one is set, the underlying clock when it is 0. Block times, and so median time
 * past, follow it, which lets tests walk a fidelity bond across its locktime without waiting.
 */
final class MockableClock extends Clock {
    private final Clock system;
    private volatile long mockSeconds;

    MockableClock(Clock system) {
        this.system = system;
    }

    /** Core's limit: the largest number of seconds a nanosecond count holds. */
    static final long MAX_MOCK_TIME = Long.MAX_VALUE / 1_000_000_000L;

    /** Sets the mock time in Unix seconds; 0 returns to the underlying clock. */
    void setMockTime(long epochSeconds) {
        if (epochSeconds < 0 || epochSeconds > MAX_MOCK_TIME) {
            throw new IllegalArgumentException(outOfRange(epochSeconds));
        }
        mockSeconds = epochSeconds;
    }

    /** Core's message for a mock time outside {@code [0, MAX_MOCK_TIME]}. */
    static String outOfRange(long epochSeconds) {
        return "Mocktime must be in the range [0, " + MAX_MOCK_TIME + "], not " + epochSeconds + ".";
    }

    @Override
    public Instant instant() {
        long m = mockSeconds;
        return m == 0 ? system.instant() : Instant.ofEpochSecond(m);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same (mockable) instants, seen in {@code zone}: a later mock time shows through it too. */
    @Override
    public Clock withZone(ZoneId zone) {
        MockableClock source = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return source.withZone(other);
            }

            @Override
            public Instant instant() {
                return source.instant();
            }
        };
    }
}
