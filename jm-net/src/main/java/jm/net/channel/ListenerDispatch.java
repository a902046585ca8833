package jm.net.channel;

import io.netty.channel.Channel;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands listener callbacks to the listener executor, never running them on an event loop. If the
 * listener falls behind by more than {@code maxPending} callbacks, the connection feeding them
 * stops reading (TCP backpressure towards the sender) until the backlog drains below half of
 * that; memory stays bounded however fast peers send. Thread-safe.
 */
final class ListenerDispatch {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatch.class);

    private final Executor executor;
    private final MessageListener listener;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();
    private final Set<Channel> paused = ConcurrentHashMap.newKeySet();

    ListenerDispatch(Executor executor, MessageListener listener, int maxPending) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.maxPending = maxPending;
    }

    /** The listener, for callbacks built by the caller. */
    MessageListener listener() {
        return listener;
    }

    /** Runs a callback on the listener executor. */
    void deliver(Runnable r) {
        deliver(null, r);
    }

    /** Runs a callback on the listener executor, pausing {@code source} while the backlog is too long. */
    void deliver(Channel source, Runnable r) {
        int now = pending.incrementAndGet();
        if (source != null && now > maxPending && source.config().isAutoRead()) {
            source.config().setAutoRead(false);
            paused.add(source);
            LOG.debug("listener backlog {}: pausing reads from {}", now, source.remoteAddress());
        }
        try {
            executor.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("listener callback failed", e);
                } finally {
                    if (pending.decrementAndGet() <= maxPending / 2 && !paused.isEmpty()) {
                        resumePaused();
                    }
                }
            });
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            LOG.warn("listener executor rejected a delivery: {}", e.toString());
        }
    }

    private void resumePaused() {
        for (Channel ch : paused) {
            if (paused.remove(ch)) {
                ch.config().setAutoRead(true);
            }
        }
    }

    /** Connections whose reads are paused because the listener is behind. */
    int pausedConnections() {
        return paused.size();
    }

    /** Callbacks queued on the listener executor and not yet run. */
    int pending() {
        return pending.get();
    }
}
