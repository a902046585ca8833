package jm.demo.market;

import java.util.HashSet;
import java.util.Set;
import jm.core.Nick;

/**
 * Ends the taker's orderbook wait as soon as every maker the demo started has sent an offer
 * (the market is local, so waiting the full {@code order_wait_time} would only waste time). The
 * action runs once, when both the quorum is reached and the action has been set, in whichever
 * order the two happen. Thread-safe.
 */
final class OrderbookQuorum {
    private final Set<Nick> expected;
    private final Set<Nick> answered = new HashSet<>();
    private Runnable action;
    private boolean fired;

    OrderbookQuorum(Set<Nick> expected) {
        this.expected = Set.copyOf(expected);
    }

    /** What to run once every expected maker has answered (e.g. {@code session::endOrderbookWait}). */
    void onQuorum(Runnable action) {
        Runnable run;
        synchronized (this) {
            this.action = action;
            run = takeIfReady();
        }
        if (run != null) {
            run.run();
        }
    }

    /** An offer arrived from {@code maker}. */
    void offerFrom(Nick maker) {
        Runnable run;
        synchronized (this) {
            if (!expected.contains(maker) || !answered.add(maker)) {
                return;
            }
            run = takeIfReady();
        }
        if (run != null) {
            run.run();
        }
    }

    /** Makers that sent an offer so far. */
    synchronized Set<Nick> answered() {
        return Set.copyOf(answered);
    }

    private Runnable takeIfReady() {
        if (fired || action == null || !answered.containsAll(expected)) {
            return null;
        }
        fired = true;
        return action;
    }
}
