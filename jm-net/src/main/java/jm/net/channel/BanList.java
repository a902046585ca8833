package jm.net.channel;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Banned keys (connection addresses) with expiry, bounded (the oldest ban is dropped first).
 * Thread-safe. Time is an injected nanosecond source.
 */
public final class BanList {
    private final long durationNanos;
    private final int max;
    private final LongSupplier nanoTime;
    private final LinkedHashMap<String, Long> until = new LinkedHashMap<>();

    public BanList(java.time.Duration duration, int max, LongSupplier nanoTime) {
        this.durationNanos = duration.toNanos();
        this.max = max;
        this.nanoTime = nanoTime;
    }

    public synchronized void ban(String key) {
        until.remove(key);
        until.put(key, nanoTime.getAsLong() + durationNanos);
        while (until.size() > max) {
            Iterator<Map.Entry<String, Long>> it = until.entrySet().iterator();
            it.next();
            it.remove();
        }
    }

    public synchronized boolean isBanned(String key) {
        Long t = until.get(key);
        if (t == null) {
            return false;
        }
        if (nanoTime.getAsLong() - t >= 0) {
            until.remove(key);
            return false;
        }
        return true;
    }

    public synchronized int size() {
        return until.size();
    }
}
