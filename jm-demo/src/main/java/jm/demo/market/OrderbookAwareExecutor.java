package jm.demo.market;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import jm.core.Nick;

/**
 * The taker session's serial executor, which also ends the orderbook wait early: the session
 * schedules its "offers collected" step after {@code order_wait_time}; once every expected maker
 * has sent an offer, that step is run at once instead (the session ignores the late timer, which
 * finds the phase already moved on). Demo adapter: jm-taker has no "expected makers" knob.
 */
final class OrderbookAwareExecutor extends ScheduledThreadPoolExecutor {
    private final long orderWaitMillis;
    private final Set<Nick> expected;
    private final Set<Nick> answered = ConcurrentHashMap.newKeySet();
    private Runnable orderbookStep;
    private boolean fired;

    OrderbookAwareExecutor(Duration orderWait, Set<Nick> expected, String threadName) {
        super(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        this.orderWaitMillis = Math.max(1, orderWait.toMillis());
        this.expected = Set.copyOf(expected);
        setRemoveOnCancelPolicy(true);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        synchronized (this) {
            if (orderbookStep == null && unit.toMillis(delay) == orderWaitMillis) {
                orderbookStep = command;
            }
        }
        ScheduledFuture<?> f = super.schedule(command, delay, unit);
        maybeFire();
        return f;
    }

    /** An offer arrived from {@code maker}. */
    void offerFrom(Nick maker) {
        if (expected.contains(maker) && answered.add(maker)) {
            maybeFire();
        }
    }

    /** Makers that sent an offer so far. */
    Set<Nick> answered() {
        return Set.copyOf(answered);
    }

    private void maybeFire() {
        Runnable step;
        synchronized (this) {
            if (fired || orderbookStep == null || !answered.containsAll(expected)) {
                return;
            }
            fired = true;
            step = orderbookStep;
        }
        execute(step);
    }
}
