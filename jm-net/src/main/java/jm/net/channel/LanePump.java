package jm.net.channel;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import jm.core.limit.InboundShedder;
import jm.core.limit.InboundShedder.Lane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work queued in an {@link InboundShedder} (lanes, per-source turns, shedding) on a serial
 * executor, one item per turn, so that the executor's other tasks (timers, a session's next
 * message) never wait behind a backlog. Thread-safe; {@code executor} must run its tasks one at
 * a time.
 *
 * @param <S> where work came from (a connection, or a nick relayed by a directory)
 */
public final class LanePump<S> {
    private static final Logger LOG = LoggerFactory.getLogger(LanePump.class);

    private final InboundShedder<S, Runnable> queue;
    private final Executor executor;
    private final Runnable afterEach;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** @param afterEach runs on the executor after each item (e.g. to refresh what the lanes depend on) */
    public LanePump(InboundShedder<S, Runnable> queue, Executor executor, Runnable afterEach) {
        this.queue = Objects.requireNonNull(queue);
        this.executor = Objects.requireNonNull(executor);
        this.afterEach = Objects.requireNonNull(afterEach);
    }

    /** Queues work; false if it was shed at once (an older item may be shed instead). */
    public boolean offer(S source, Lane lane, Runnable work) {
        boolean queued = queue.offer(source, lane, work);
        if (!queued) {
            LOG.debug("overloaded: shed a {} message from {}", lane, source);
        }
        schedule();
        return queued;
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::runOne);
            } catch (RejectedExecutionException e) {
                scheduled.set(false); // stopping
            }
        }
    }

    private void runOne() {
        scheduled.set(false);
        try {
            queue.poll().ifPresent(work -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.warn("queued work failed: {}", e.toString());
                }
            });
        } finally {
            afterEach.run();
            if (!queue.isEmpty()) {
                schedule();
            }
        }
    }

    /** Items waiting. */
    public int size() {
        return queue.size();
    }

    /** Items shed so far. */
    public long shed() {
        return queue.shed();
    }
}
