package jm.net.transport;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one outgoing connection up: connects, and whenever the attempt fails or the connection
 * closes, schedules another attempt after a {@link Backoff} delay. The attempt counter is reset by
 * {@link #markHealthy()} (call it when the handshake succeeded), so a peer that accepts TCP but
 * rejects the handshake still backs off. Stopped by {@link #stop()}; idempotent. Thread-safe.
 */
public final class Reconnector {
    private static final Logger LOG = LoggerFactory.getLogger(Reconnector.class);

    private final String name;
    private final Supplier<CompletableFuture<Channel>> connector;
    private final Backoff backoff;
    private final TaskScheduler scheduler;
    private final RandomGenerator random;
    private final Consumer<Channel> onConnected;

    private int attempt;
    private boolean running;
    private Channel current;
    private TaskScheduler.Cancellable pending;

    /**
     * @param name for logs (e.g. the directory location)
     * @param connector starts one connection attempt
     * @param onConnected called with each new connection (on the thread completing the connect)
     */
    public Reconnector(String name, Supplier<CompletableFuture<Channel>> connector, Backoff backoff,
            TaskScheduler scheduler, RandomGenerator random, Consumer<Channel> onConnected) {
        this.name = Objects.requireNonNull(name, "name");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.random = Objects.requireNonNull(random, "random");
        this.onConnected = Objects.requireNonNull(onConnected, "onConnected");
    }

    /** Makes the first attempt now. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        attemptNow();
    }

    /** Stops retrying and closes the current connection. */
    public synchronized void stop() {
        running = false;
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /** Resets the backoff: the connection proved useful. */
    public synchronized void markHealthy() {
        attempt = 0;
    }

    public synchronized boolean isRunning() {
        return running;
    }

    /** Attempts made since the last {@link #markHealthy()}. */
    public synchronized int failedAttempts() {
        return attempt;
    }

    private synchronized void attemptNow() {
        pending = null;
        if (!running) {
            return;
        }
        CompletableFuture<Channel> f;
        try {
            f = connector.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((ch, err) -> {
            if (err != null) {
                LOG.debug("{}: connect failed: {}", name, err.toString());
                retryLater();
                return;
            }
            boolean keep;
            synchronized (this) {
                keep = running;
                if (keep) {
                    current = ch;
                }
            }
            if (!keep) {
                ch.close();
                return;
            }
            ch.closeFuture().addListener(cf -> {
                synchronized (Reconnector.this) {
                    if (current == ch) {
                        current = null;
                    }
                }
                retryLater();
            });
            try {
                onConnected.accept(ch);
            } catch (RuntimeException e) {
                LOG.warn("{}: connection callback failed", name, e);
                ch.close();
            }
        });
    }

    private synchronized void retryLater() {
        if (!running || pending != null) {
            return;
        }
        Duration d = backoff.delay(attempt, random);
        attempt++;
        LOG.debug("{}: reconnecting in {} ms (attempt {})", name, d.toMillis(), attempt);
        pending = scheduler.schedule(this::attemptNow, d);
    }
}
