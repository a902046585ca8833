package jm.taker.session;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import jm.core.Nick;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the session is and what it tells the user: the {@link PhaseMachine}, the progress
 * listener, the log and the {@link Timers}. Every phase changes the phase through {@link #enter} (the one checked
 * {@code transition(from, to)}) and ends the session through {@link #fail}. Session thread only.
 */
final class SessionFlow {
    private static final Logger LOG = LoggerFactory.getLogger(CoinJoinSession.class);

    private final PhaseMachine phases = new PhaseMachine();
    private final Nick own;
    private final ProgressListener progress;
    private final Consumer<String> failure;
    private final Timers timers;

    /**
     * @param failure  ends the session with a failure report (the session's {@code fail})
     * @param executor the session thread, which runs the timers' ticks
     */
    SessionFlow(Nick own, ProgressListener progress, Consumer<String> failure, ScheduledExecutorService executor,
            Clock clock) {
        this.own = own;
        this.progress = progress;
        this.failure = failure;
        this.timers = new Timers(executor, clock, this::guarded);
    }

    /** The session's timeouts and polls (each firing guarded like any other session step). */
    Timers timers() {
        return timers;
    }

    Phase current() {
        return phases.current();
    }

    boolean in(Phase... any) {
        return phases.in(any);
    }

    boolean finished() {
        return phases.finished();
    }

    ProgressListener listener() {
        return progress;
    }

    /** Moves to {@code to} from wherever the session is ({@link PhaseMachine#transition} checks the step). */
    void enter(Phase to, String message) {
        Phase from = phases.current();
        phases.transition(from, to);
        progress.onPhase(from, to);
        progress.onProgress(to, message);
        LOG.info("{} {}: {}", own, to, message);
    }

    void note(String message) {
        progress.onProgress(phases.current(), message);
        LOG.info("{} {}: {}", own, phases.current(), message);
    }

    /** Ends the session as failed in the current phase (nothing once it has ended). */
    void fail(String reason) {
        failure.accept(reason);
    }

    /** {@code r}, with any runtime exception failing the session instead of killing the thread. */
    Runnable guarded(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("{} session error in {}", own, phases.current(), e);
                fail("internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        };
    }
}
