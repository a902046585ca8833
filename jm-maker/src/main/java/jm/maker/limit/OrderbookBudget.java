package jm.maker.limit;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import jm.core.limit.TokenBucket;

/**
 * One global budget for answering {@code !orderbook} across all direct connections and all
 * directories, so that rotating nicks or connections (all Tor connections arrive from one local
 * address) cannot make the maker spend itself on offer replies. Requests queue here; each
 * {@link #drain} returns the ones to answer now: requesters whose commitment we verified in a live CoinJoin with us first
 * and always, then others in arrival order as the budget allows. The waiting queue is bounded;
 * when full, the oldest ordinary request is dropped.
 *
 * @param <R> the request (who asked, on which channel)
 */
public final class OrderbookBudget<R> {
    public static final double DEFAULT_RATE = 20;
    public static final double DEFAULT_BURST = 50;
    public static final int DEFAULT_QUEUE = 500;

    private final TokenBucket bucket;
    private final int maxQueue;
    private final Deque<R> priority = new ArrayDeque<>();
    private final Deque<R> ordinary = new ArrayDeque<>();
    private long dropped;

    public OrderbookBudget(double ratePerSecond, double burst, int maxQueue, Instant now) {
        this.bucket = new TokenBucket(ratePerSecond, burst, now);
        if (maxQueue < 1) {
            throw new IllegalArgumentException("maxQueue " + maxQueue);
        }
        this.maxQueue = maxQueue;
    }

    public OrderbookBudget(Instant now) {
        this(DEFAULT_RATE, DEFAULT_BURST, DEFAULT_QUEUE, now);
    }

    /** Queues a request; {@code verifiedTaker} requesters (PoDLE commitment verified) are served first and regardless of budget. */
    public void submit(R request, boolean verifiedTaker) {
        Objects.requireNonNull(request);
        if (verifiedTaker) {
            if (priority.size() >= maxQueue) {
                priority.pollFirst();
                dropped++;
            }
            priority.addLast(request);
            return;
        }
        if (ordinary.size() >= maxQueue) {
            ordinary.pollFirst();
            dropped++;
        }
        ordinary.addLast(request);
    }

    /** The requests to answer now, priority ones first. */
    public List<R> drain(Instant now) {
        List<R> out = new ArrayList<>(priority);
        priority.clear();
        while (!ordinary.isEmpty() && bucket.tryTake(now)) {
            out.add(ordinary.pollFirst());
        }
        return out;
    }

    /** Requests waiting for budget. */
    public int waiting() {
        return priority.size() + ordinary.size();
    }

    /** Requests dropped because the queue was full. */
    public long dropped() {
        return dropped;
    }
}
