package jm.tumbler.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The tumbler's time: now, and waiting until an instant. Tests inject a fake that jumps. */
public interface Waits {
    Instant now();

    /** Returns at or after {@code t}; throws if the thread is interrupted (stop). */
    void sleepUntil(Instant t) throws InterruptedException;

    /** Real time. */
    static Waits system(Clock clock) {
        return new Waits() {
            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public void sleepUntil(Instant t) throws InterruptedException {
                while (true) {
                    long ms = Duration.between(clock.instant(), t).toMillis();
                    if (ms <= 0) {
                        return;
                    }
                    Thread.sleep(Math.min(ms, 1000));
                }
            }
        };
    }
}
