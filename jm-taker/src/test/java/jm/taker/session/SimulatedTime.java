package jm.taker.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jm.core.testing.MutableClock;
import jm.taker.testing.LoopbackMessenger;

/**
 * Runs a session on a fake clock: its session thread and the makers' thread count the work they
 * have queued, and whenever both are idle (held late replies delivered first) the clock jumps to
 * the session's next deadline and its timers tick at once. The session's periodic tick never runs
 * on real time here, so every timeout happens because the clock was advanced, never by waiting.
 */
final class SimulatedTime implements AutoCloseable {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration IDLE_WAIT = Duration.ofSeconds(30);
    private static final int MAX_STEPS = 10_000;

    final MutableClock clock = new MutableClock(START);
    final SessionThread sessionThread = new SessionThread();
    private final ExecutorService makers = Executors.newSingleThreadExecutor();
    private int inFlight;

    /** The makers' thread: work queued on it counts until it has run. */
    void onMakerThread(Runnable r) {
        counted(r, makers::execute);
    }

    /**
     * Drives the session until its report: waits for quiet, delivers held replies, else moves the
     * clock to the next deadline and ticks.
     */
    CoinJoinReport drive(CoinJoinSession session, LoopbackMessenger messenger, CompletableFuture<CoinJoinReport> done)
            throws Exception {
        for (int step = 0; step < MAX_STEPS; step++) {
            awaitIdle();
            if (done.isDone()) {
                return done.get();
            }
            if (messenger.releaseHeld()) {
                continue;
            }
            Optional<Instant> next = session.nextDeadline().get(IDLE_WAIT.toSeconds(), TimeUnit.SECONDS);
            awaitIdle();
            if (next.isEmpty()) {
                if (done.isDone()) {
                    return done.get();
                }
                throw new AssertionError("the session waits for nothing and has not ended");
            }
            if (next.get().isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), next.get()));
            }
            sessionThread.tickNow();
        }
        throw new AssertionError("no report after " + MAX_STEPS + " steps");
    }

    private void counted(Runnable r, java.util.function.Consumer<Runnable> queue) {
        synchronized (this) {
            inFlight++;
        }
        try {
            queue.accept(() -> {
                try {
                    r.run();
                } finally {
                    done();
                }
            });
        } catch (RejectedExecutionException e) {
            done();
            throw e;
        }
    }

    private synchronized void done() {
        inFlight--;
        if (inFlight == 0) {
            notifyAll();
        }
    }

    private synchronized void awaitIdle() throws InterruptedException, TimeoutException {
        long until = System.nanoTime() + IDLE_WAIT.toNanos();
        while (inFlight > 0) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(inFlight + " tasks still queued after " + IDLE_WAIT);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Override
    public void close() {
        sessionThread.shutdownNow();
        makers.shutdownNow();
    }

    /**
     * The session's single thread: {@code execute} is counted; the timers' periodic tick is kept
     * aside and run by {@link #tickNow()} only.
     */
    final class SessionThread extends ScheduledThreadPoolExecutor {
        private record Tick(Runnable action, ScheduledFuture<?> handle) {
        }

        private final List<Tick> ticks = new ArrayList<>();

        SessionThread() {
            super(1);
        }

        @Override
        public void execute(Runnable command) {
            counted(command, super::execute);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                TimeUnit unit) {
            // a handle that never fires on its own: cancelling it stops the ticks, as for a real one
            ScheduledFuture<?> handle = schedule(() -> { }, 365, TimeUnit.DAYS);
            synchronized (ticks) {
                ticks.add(new Tick(command, handle));
            }
            return handle;
        }

        /** Runs every live periodic tick once, on the session thread. */
        void tickNow() {
            List<Tick> live;
            synchronized (ticks) {
                ticks.removeIf(t -> t.handle().isCancelled());
                live = new ArrayList<>(ticks);
            }
            live.forEach(t -> execute(t.action()));
        }
    }
}
