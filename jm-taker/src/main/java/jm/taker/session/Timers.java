package jm.taker.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * A session's timeouts and polls, measured on the injected {@link Clock}: one tick every
 * {@link #TICK} on the session's executor (only while something is pending) fires what is due
 * and evaluates the polls. A test with a fake clock advances it instead of waiting; a real clock
 * fires each timeout at most one tick late. Not thread-safe: used on the session thread only.
 */
final class Timers {
    /** How often due timeouts fire and polls (chain look-ups) run, in real time. */
    static final Duration TICK = Duration.ofMillis(200);

    /** A pending timeout or poll; {@link #cancel()} is idempotent. */
    static final class Handle {
        private final Instant due;
        private final Runnable onDue;
        private final BooleanSupplier condition;
        private final Runnable onCondition;
        private boolean done;

        private Handle(Instant due, Runnable onDue, BooleanSupplier condition, Runnable onCondition) {
            this.due = due;
            this.onDue = onDue;
            this.condition = condition;
            this.onCondition = onCondition;
        }

        void cancel() {
            done = true;
        }
    }

    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final UnaryOperator<Runnable> guard;
    private final List<Handle> pending = new ArrayList<>();
    private ScheduledFuture<?> ticking;

    /** @param guard wraps each tick (the session's error handler) */
    Timers(ScheduledExecutorService executor, Clock clock, UnaryOperator<Runnable> guard) {
        this.executor = executor;
        this.clock = clock;
        this.guard = guard;
    }

    /** Runs {@code action} once {@code delay} has passed on the clock. */
    Handle after(Duration delay, Runnable action) {
        return add(new Handle(clock.instant().plus(delay), action, null, null));
    }

    /**
     * Evaluates {@code condition} now and on every tick: {@code then} runs once it holds, {@code orElse}
     * once {@code timeout} has passed on the clock without it holding.
     */
    Handle poll(Duration timeout, BooleanSupplier condition, Runnable then, Runnable orElse) {
        Handle h = new Handle(clock.instant().plus(timeout), orElse, condition, then);
        if (condition.getAsBoolean()) {
            h.done = true;
            then.run();
            return h;
        }
        return add(h);
    }

    /** When the earliest pending timeout or poll falls due on the clock; empty when nothing is pending. */
    Optional<Instant> nextDue() {
        return pending.stream().filter(h -> !h.done).map(h -> h.due).min(Instant::compareTo);
    }

    /** Cancels everything pending (the session has ended). */
    void cancelAll() {
        pending.forEach(Handle::cancel);
        pending.clear();
        stopTicking();
    }

    private Handle add(Handle h) {
        pending.add(h);
        if (ticking == null) {
            ticking = executor.scheduleWithFixedDelay(guard.apply(this::tick), TICK.toMillis(), TICK.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return h;
    }

    private void tick() {
        Instant now = clock.instant();
        for (Handle h : new ArrayList<>(pending)) {
            if (h.done) {
                continue;
            }
            if (h.condition != null && h.condition.getAsBoolean()) {
                h.done = true;
                h.onCondition.run();
            } else if (!now.isBefore(h.due)) {
                h.done = true;
                h.onDue.run();
            }
        }
        pending.removeIf(h -> h.done);
        if (pending.isEmpty()) {
            stopTicking();
        }
    }

    private void stopTicking() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }
}
