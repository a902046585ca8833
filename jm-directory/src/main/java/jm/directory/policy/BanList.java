package jm.directory.policy;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary bans by key (a nick, or a remote IP address text), each with its own expiry.
 * Thread-safe; bounded: when full, expired entries are purged and, if still full, the new ban
 * is refused (the offender is still disconnected; the ban just does not outlive it).
 */
public final class BanList {
    private final Map<String, Long> expiryMillis = new ConcurrentHashMap<>();
    private final int maxEntries;

    public BanList(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1");
        }
        this.maxEntries = maxEntries;
    }

    /** Bans {@code key} until {@code untilMillis}; returns false when the list is full. */
    public boolean ban(String key, long untilMillis, long nowMillis) {
        if (expiryMillis.size() >= maxEntries) {
            purge(nowMillis);
            if (expiryMillis.size() >= maxEntries) {
                return false;
            }
        }
        expiryMillis.merge(key, untilMillis, Math::max);
        return true;
    }

    /** Whether {@code key} is banned at {@code nowMillis}; an expired ban is forgotten. */
    public boolean isBanned(String key, long nowMillis) {
        Long until = expiryMillis.get(key);
        if (until == null) {
            return false;
        }
        if (until <= nowMillis) {
            expiryMillis.remove(key, until);
            return false;
        }
        return true;
    }

    /** Removes expired bans; returns how many remain. */
    public int purge(long nowMillis) {
        for (Iterator<Map.Entry<String, Long>> it = expiryMillis.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue() <= nowMillis) {
                it.remove();
            }
        }
        return expiryMillis.size();
    }

    public int size() {
        return expiryMillis.size();
    }
}
