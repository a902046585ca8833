package jm.net.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-connection limits of the maker's direct-connection server (PROTOCOL.md 11.5, NG defaults).
 *
 * @param messagesPerSecond token-bucket rate; excess messages are dropped
 * @param burst token-bucket size
 * @param orderbookInterval at most one {@code !orderbook} per connection per interval; another is a violation
 * @param maxViolations ban the connection's address after this many violations
 * @param banDuration how long a ban lasts; banned addresses are closed on accept
 * @param maxBans bound on the ban list (oldest evicted beyond it)
 * @param maxConnections inbound direct connections held at once; more are closed on accept
 */
public record DirectServerLimits(double messagesPerSecond, int burst, Duration orderbookInterval,
        int maxViolations, Duration banDuration, int maxBans, int maxConnections) {
    public DirectServerLimits {
        Objects.requireNonNull(orderbookInterval, "orderbookInterval");
        Objects.requireNonNull(banDuration, "banDuration");
        if (!(messagesPerSecond > 0) || burst < 1 || maxViolations < 1 || maxBans < 1 || maxConnections < 1
                || orderbookInterval.isNegative() || banDuration.isNegative()) {
            throw new IllegalArgumentException("invalid direct server limits");
        }
    }

    /** 5 msg/s burst 20; !orderbook once per 30 s; ban for 1 h after 10 violations. */
    public static DirectServerLimits defaults() {
        return new DirectServerLimits(5, 20, Duration.ofSeconds(30), 10, Duration.ofHours(1), 100_000, 1_000);
    }
}
