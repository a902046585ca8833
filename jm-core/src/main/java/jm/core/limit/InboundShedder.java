package jm.core.limit;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The maker's global inbound queue, in front of the one thread that does the work: under a flood
 * arriving over many direct sockets and directories at once, CoinJoins already past {@code !auth}
 * keep their latency and new work is shed first.
 *
 * <ul>
 *   <li>{@link Lane#SESSION}: messages from takers whose PoDLE commitment we verified. Served
 *       first, in arrival order, never displaced by other lanes.</li>
 *   <li>{@link Lane#OTHER}: everything that is neither (e.g. {@code !auth} of a fresh session,
 *       public {@code !cancel}/{@code !hp2}). Served next.</li>
 *   <li>{@link Lane#NEW}: new {@code !fill}s and {@code !orderbook}s. Served last and shed first.</li>
 * </ul>
 *
 * Within {@code OTHER} and {@code NEW}, sources (a direct connection, or a nick relayed by a
 * directory) take turns, one message each, every source's messages oldest first, and the source
 * that has asked least recently goes first (an honest taker sends a handful of messages per
 * CoinJoin, a flooder thousands: the taker's {@code !fill} does not wait for a turn of every
 * flooder). Demand is counted per source and halved every {@value #DECAY_EVERY} messages. When
 * the queue is full, the oldest message of the source holding the most in the lowest non-empty
 * lane is dropped (from {@code NEW} before {@code OTHER}; a {@code NEW} message never displaces an
 * {@code OTHER} one).
 *
 * <p>Thread-safe (messages arrive on one thread, are served on another). Bounded: at most
 * {@code capacity} messages in {@code OTHER} and {@code NEW} together and {@code sessionCapacity}
 * in {@code SESSION}.
 *
 * @param <S> where a message came from
 * @param <T> the message (e.g. the work to run)
 */
public final class InboundShedder<S, T> {
    public static final int DEFAULT_CAPACITY = 2_000;
    public static final int DEFAULT_SESSION_CAPACITY = 1_000;
    /** Demand counts are halved after this many messages. */
    public static final int DECAY_EVERY = 1_000;
    /** Sources whose demand is remembered (least recently active forgotten first). */
    public static final int MAX_TRACKED_SOURCES = 10_000;

    /** Priority classes, highest first. */
    public enum Lane { SESSION, OTHER, NEW }

    private final int capacity;
    private final int sessionCapacity;
    private final ArrayDeque<T> session = new ArrayDeque<>();
    /** Per lane: sources in turn order (the next to serve first), each with its messages oldest first. */
    private final Map<Lane, LinkedHashMap<S, ArrayDeque<T>>> sources = new EnumMap<>(Lane.class);
    private final BoundedMap<S, Integer> demand = new BoundedMap<>(MAX_TRACKED_SOURCES, true);
    private int held;
    private long shed;
    private int sinceDecay;

    public InboundShedder(int capacity, int sessionCapacity) {
        if (capacity < 1 || sessionCapacity < 1) {
            throw new IllegalArgumentException("capacities must be positive");
        }
        this.capacity = capacity;
        this.sessionCapacity = sessionCapacity;
        sources.put(Lane.OTHER, new LinkedHashMap<>());
        sources.put(Lane.NEW, new LinkedHashMap<>());
    }

    public InboundShedder() {
        this(DEFAULT_CAPACITY, DEFAULT_SESSION_CAPACITY);
    }

    /**
     * Queues a message. Returns false if it was shed at once (its lane and every lower one are full
     * of messages it may not displace); making room may shed an older message instead.
     */
    public synchronized boolean offer(S source, Lane lane, T message) {
        Objects.requireNonNull(source);
        Objects.requireNonNull(message);
        if (lane == Lane.SESSION) {
            if (session.size() >= sessionCapacity) {
                shed++;
                return false;
            }
            session.addLast(message);
            return true;
        }
        demand.merge(source, 1, Integer::sum);
        if (++sinceDecay >= DECAY_EVERY) {
            sinceDecay = 0;
            demand.replaceAll((k, v) -> v / 2);
            demand.values().removeIf(v -> v == 0);
        }
        if (held >= capacity && !evictFrom(Lane.NEW) && !(lane == Lane.OTHER && evictFrom(Lane.OTHER))) {
            shed++;
            return false;
        }
        sources.get(lane).computeIfAbsent(source, s -> new ArrayDeque<>()).addLast(message);
        held++;
        return true;
    }

    /** The next message to serve, if any. */
    public synchronized Optional<T> poll() {
        T s = session.pollFirst();
        if (s != null) {
            return Optional.of(s);
        }
        for (Lane lane : new Lane[] {Lane.OTHER, Lane.NEW}) {
            LinkedHashMap<S, ArrayDeque<T>> bySource = sources.get(lane);
            S next = null;
            int least = Integer.MAX_VALUE;
            for (S candidate : bySource.keySet()) { // turn order: the first of equals wins
                int d = demand.getOrDefault(candidate, 0);
                if (d < least) {
                    least = d;
                    next = candidate;
                }
            }
            if (next != null) {
                ArrayDeque<T> queue = bySource.remove(next);
                T m = queue.pollFirst();
                if (!queue.isEmpty()) {
                    bySource.put(next, queue); // its next turn comes after everyone else's
                }
                held--;
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private boolean evictFrom(Lane lane) {
        ArrayDeque<T> longest = null;
        S key = null;
        for (Map.Entry<S, ArrayDeque<T>> e : sources.get(lane).entrySet()) {
            if (longest == null || e.getValue().size() > longest.size()) {
                longest = e.getValue();
                key = e.getKey();
            }
        }
        if (longest == null) {
            return false;
        }
        longest.pollFirst();
        if (longest.isEmpty()) {
            sources.get(lane).remove(key);
        }
        held--;
        shed++;
        return true;
    }

    public synchronized boolean isEmpty() {
        return session.isEmpty() && held == 0;
    }

    /** Messages waiting. */
    public synchronized int size() {
        return session.size() + held;
    }

    /** Messages dropped so far. */
    public synchronized long shed() {
        return shed;
    }
}
