package jm.net.transport;

import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay; injectable so that timers can be driven by hand in tests.
 */
@FunctionalInterface
public interface TaskScheduler {
    /** A scheduled task that can be cancelled. */
    interface Cancellable {
        void cancel();
    }

    Cancellable schedule(Runnable task, Duration delay);

    /** Schedules on a Netty executor (e.g. an event loop): tasks must not block. */
    static TaskScheduler of(EventExecutor executor) {
        return (task, delay) -> {
            io.netty.util.concurrent.ScheduledFuture<?> f =
                    executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
    }

    /** Schedules on a JDK scheduled executor. */
    static TaskScheduler of(ScheduledExecutorService executor) {
        return (task, delay) -> {
            ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
    }
}
