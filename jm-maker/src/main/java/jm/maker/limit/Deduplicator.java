package jm.maker.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import jm.core.Nick;
import jm.core.limit.BoundedMap;

/**
 * Drops the second and later copies of one protocol message within a window (PROTOCOL.md 11.3):
 * a peer connected to k directories receives each message k times. Fingerprint as NG:
 * {@code from:command:first_argument}, for {@code !fill} {@code from:fill:oid:commitment}.
 * {@code !orderbook} is never de-duplicated (it has its own limiter).
 */
public final class Deduplicator {
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(30);
    public static final int DEFAULT_CAPACITY = 20_000;

    private final Duration window;
    private final Map<String, Instant> seen;

    public Deduplicator(Duration window, int capacity) {
        this.window = window;
        this.seen = new BoundedMap<>(capacity, false);
    }

    public Deduplicator() {
        this(DEFAULT_WINDOW, DEFAULT_CAPACITY);
    }

    /** The NG fingerprint of a private or public command. */
    public static String fingerprint(Nick from, String command, String args) {
        String[] parts = args == null ? new String[0] : args.strip().split(" ", 5);
        String first = parts.length > 0 ? parts[0] : "";
        if ("fill".equals(command)) {
            String commitment = parts.length > 3 ? parts[3] : "";
            return from.value() + ":fill:" + first + ":" + commitment;
        }
        return from.value() + ":" + command + ":" + first;
    }

    /** True the first time {@code fingerprint} is seen within the window; false for duplicates. */
    public boolean firstSeen(String fingerprint, Instant now) {
        prune(now);
        Instant at = seen.get(fingerprint);
        if (at != null && now.isBefore(at.plus(window))) {
            return false;
        }
        seen.remove(fingerprint); // re-insert at the end, keeping insertion order = time order
        seen.put(fingerprint, now);
        return true;
    }

    /** Convenience: de-duplicates unless the command is {@code orderbook}. */
    public boolean firstSeen(Nick from, String command, String args, Instant now) {
        if ("orderbook".equals(command)) {
            return true;
        }
        return firstSeen(fingerprint(from, command, args), now);
    }

    private void prune(Instant now) {
        for (Iterator<Instant> it = seen.values().iterator(); it.hasNext(); ) {
            if (now.isBefore(it.next().plus(window))) {
                break;
            }
            it.remove();
        }
    }

    int size() {
        return seen.size();
    }
}
