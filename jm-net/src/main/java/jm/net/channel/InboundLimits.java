package jm.net.channel;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.function.Function;
import java.util.function.LongSupplier;
import jm.core.limit.TokenBucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limits of one accepted direct connection ({@link DirectServerLimits}): every line takes a
 * token; {@code orderbook} at most once per interval and never twice in one line, a line
 * breaking it being a violation; enough violations ban the connection's key and close it.
 * Confined to the connection's event loop.
 */
final class InboundLimits {
    private static final Logger LOG = LoggerFactory.getLogger(InboundLimits.class);

    private final DirectServerLimits limits;
    private final LongSupplier nanoTime;
    private final BanList bans;
    private final Function<InetSocketAddress, String> banKey;
    private final TokenBucket bucket;
    private long lastOrderbook;
    private boolean orderbookSeen;
    private int violations;

    InboundLimits(DirectServerLimits limits, LongSupplier nanoTime, BanList bans,
            Function<InetSocketAddress, String> banKey) {
        this.limits = limits;
        this.nanoTime = nanoTime;
        this.bans = bans;
        this.banKey = banKey;
        this.bucket = new TokenBucket(limits.messagesPerSecond(), limits.burst(), nanoTime.getAsLong());
    }

    /** Takes a token for one inbound line, whatever its type; false: drop the line. */
    boolean takeLine() {
        return bucket.tryTake(nanoTime.getAsLong());
    }

    /**
     * The per-connection {@code orderbook} limit for a line carrying {@code count} of them: at most
     * one per interval, never two in one line. A line breaking it is dropped whole and counts as a
     * violation against {@code channel} (nick for the log only).
     */
    boolean admitOrderbooks(int count, Channel channel, Object nick) {
        if (count == 0) {
            return true;
        }
        long now = nanoTime.getAsLong();
        if (count > 1 || orderbookSeen && now - lastOrderbook < limits.orderbookInterval().toNanos()) {
            violation(channel, nick);
            return false;
        }
        orderbookSeen = true;
        lastOrderbook = now;
        return true;
    }

    private void violation(Channel channel, Object nick) {
        violations++;
        if (violations >= limits.maxViolations() && channel.remoteAddress() instanceof InetSocketAddress a) {
            String k = banKey.apply(a);
            bans.ban(k);
            LOG.info("banned direct peer {} ({}) after {} violations", k, nick, violations);
            channel.close();
        }
    }
}
