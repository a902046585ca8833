package jm.maker.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import jm.core.Nick;
import jm.core.limit.BoundedMap;
import jm.core.limit.TokenBucket;

/**
 * NG's maker limits for directory-relayed traffic, keyed by nick (PROTOCOL.md 11.2): a token
 * bucket of 10 msg/s, burst 100, for every message (applied after de-duplication); and an
 * {@code !orderbook} limiter of one answer per 10 s, a request inside the interval being a
 * violation; after 10 violations the interval is 60 s, after 50 it is 300 s, after 100 the nick
 * is banned for 3,600 s, and the ban's expiry resets the count.
 */
public final class RelayedTrafficLimiter {
    public static final double MSG_RATE = 10;
    public static final double MSG_BURST = 100;
    public static final Duration ORDERBOOK_INTERVAL = Duration.ofSeconds(10);
    public static final Duration BAN = Duration.ofSeconds(3_600);
    public static final int MAX_TRACKED_NICKS = 10_000;

    /** What to do with an {@code !orderbook} request. */
    public enum Decision { ANSWER, DROP, BANNED }

    private static final class NickState {
        final TokenBucket bucket;
        Instant lastAnswer;
        int violations;
        Instant bannedUntil;

        NickState(Instant now) {
            bucket = new TokenBucket(MSG_RATE, MSG_BURST, now);
        }
    }

    private final Map<Nick, NickState> nicks = new BoundedMap<>(MAX_TRACKED_NICKS, true);

    /** Admits one relayed message of any kind from {@code nick}. */
    public boolean allowMessage(Nick nick, Instant now) {
        NickState s = state(nick, now);
        if (isBanned(s, now)) {
            return false;
        }
        return s.bucket.tryTake(now);
    }

    /** Decides an {@code !orderbook} request from {@code nick}. */
    public Decision orderbook(Nick nick, Instant now) {
        NickState s = state(nick, now);
        if (isBanned(s, now)) {
            return Decision.BANNED;
        }
        Duration interval = interval(s.violations);
        if (s.lastAnswer != null && now.isBefore(s.lastAnswer.plus(interval))) {
            s.violations++;
            if (s.violations >= 100) {
                s.bannedUntil = now.plus(BAN);
                return Decision.BANNED;
            }
            return Decision.DROP;
        }
        s.lastAnswer = now;
        return Decision.ANSWER;
    }

    /** Current violation count of {@code nick} (status, tests). */
    public int violations(Nick nick) {
        NickState s = nicks.get(nick);
        return s == null ? 0 : s.violations;
    }

    static Duration interval(int violations) {
        if (violations >= 50) {
            return Duration.ofSeconds(300);
        }
        if (violations >= 10) {
            return Duration.ofSeconds(60);
        }
        return ORDERBOOK_INTERVAL;
    }

    private NickState state(Nick nick, Instant now) {
        return nicks.computeIfAbsent(nick, n -> new NickState(now));
    }

    private static boolean isBanned(NickState s, Instant now) {
        if (s.bannedUntil == null) {
            return false;
        }
        if (now.isBefore(s.bannedUntil)) {
            return true;
        }
        s.bannedUntil = null;
        s.violations = 0;
        s.lastAnswer = null;
        return false;
    }
}
