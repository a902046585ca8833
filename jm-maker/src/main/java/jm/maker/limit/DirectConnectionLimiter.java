package jm.maker.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Limits of the maker's direct-connection server, keyed by connection (the peer address as seen
 * from Tor, one per connection), never by nick (PROTOCOL.md 11.5): 5 msg/s burst 20 (excess
 * dropped); {@code !orderbook} at most once per 30 s; after 10 orderbook violations the key is
 * banned for 3,600 s and the connection closed; banned keys are closed on accept.
 */
public final class DirectConnectionLimiter {
    public static final double MSG_RATE = 5;
    public static final double MSG_BURST = 20;
    public static final Duration ORDERBOOK_INTERVAL = Duration.ofSeconds(30);
    public static final int VIOLATIONS_BEFORE_BAN = 10;
    public static final Duration BAN = Duration.ofSeconds(3_600);
    public static final int MAX_TRACKED = 20_000;

    /** What to do with a message. */
    public enum Decision { ACCEPT, DROP, BAN_AND_CLOSE }

    private static final class ConnState {
        final TokenBucket bucket;
        Instant lastOrderbook;
        int violations;

        ConnState(Instant now) {
            bucket = new TokenBucket(MSG_RATE, MSG_BURST, now);
        }
    }

    private final Map<String, ConnState> conns = new BoundedMap<>(MAX_TRACKED, true);
    private final Map<String, Instant> bans = new BoundedMap<>(MAX_TRACKED, false);

    /** Whether a newly accepted connection from {@code key} must be closed at once. */
    public boolean isBanned(String key, Instant now) {
        Instant until = bans.get(key);
        if (until == null) {
            return false;
        }
        if (now.isBefore(until)) {
            return true;
        }
        bans.remove(key);
        return false;
    }

    /** Admits one message of any kind on connection {@code key}. */
    public Decision message(String key, Instant now) {
        if (isBanned(key, now)) {
            return Decision.BAN_AND_CLOSE;
        }
        return conns.computeIfAbsent(key, k -> new ConnState(now)).bucket.tryTake(now)
                ? Decision.ACCEPT : Decision.DROP;
    }

    /** Decides an {@code !orderbook} on connection {@code key} (call after {@link #message}). */
    public Decision orderbook(String key, Instant now) {
        if (isBanned(key, now)) {
            return Decision.BAN_AND_CLOSE;
        }
        ConnState s = conns.computeIfAbsent(key, k -> new ConnState(now));
        if (s.lastOrderbook != null && now.isBefore(s.lastOrderbook.plus(ORDERBOOK_INTERVAL))) {
            s.violations++;
            if (s.violations >= VIOLATIONS_BEFORE_BAN) {
                bans.put(key, now.plus(BAN));
                conns.remove(key);
                return Decision.BAN_AND_CLOSE;
            }
            return Decision.DROP;
        }
        s.lastOrderbook = now;
        return Decision.ACCEPT;
    }

    /** Forgets a closed connection's counters (its ban, if any, stays). */
    public void closed(String key) {
        conns.remove(key);
    }
}
