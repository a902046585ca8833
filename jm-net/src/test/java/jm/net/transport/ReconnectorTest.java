package jm.net.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ReconnectorTest {
    /** A scheduler driven by the test: tasks run only when the test says so. */
    private static final class ManualScheduler implements TaskScheduler {
        final List<Duration> delays = new ArrayList<>();
        final List<Runnable> tasks = new ArrayList<>();
        int cancelled;

        @Override
        public Cancellable schedule(Runnable task, Duration delay) {
            delays.add(delay);
            tasks.add(task);
            return () -> cancelled++;
        }

        void runNext() {
            tasks.remove(0).run();
        }
    }

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), 2, Duration.ofSeconds(5), Duration.ZERO,
            Duration.ZERO);
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<CompletableFuture<Channel>> attempts = new ArrayList<>();
    private final List<Channel> connected = new ArrayList<>();

    private Reconnector reconnector() {
        return new Reconnector("test", () -> {
            CompletableFuture<Channel> f = new CompletableFuture<>();
            attempts.add(f);
            return f;
        }, backoff, scheduler, new SplittableRandom(7), connected::add);
    }

    /** A reconnector that made its first attempt. */
    private Reconnector started() {
        Reconnector r = reconnector();
        r.start();
        return r;
    }

    @Test
    void retriesFailedConnectsWithGrowingCappedDelays() {
        Reconnector r = started();
        for (int i = 0; i < 5; i++) {
            attempts.get(i).completeExceptionally(new IOException("refused"));
            scheduler.runNext();
        }
        assertThat(attempts).hasSize(6);
        assertThat(scheduler.delays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void reconnectsWhenAnEstablishedConnectionCloses() {
        Reconnector r = started();
        EmbeddedChannel ch = new EmbeddedChannel();
        attempts.get(0).complete(ch);
        assertThat(connected).containsExactly(ch);
        assertThat(scheduler.tasks).isEmpty();
        ch.close();
        assertThat(scheduler.tasks).hasSize(1);
        scheduler.runNext();
        assertThat(attempts).hasSize(2);
    }

    @Test
    void healthyConnectionResetsTheBackoff() {
        Reconnector r = started();
        attempts.get(0).completeExceptionally(new IOException("refused"));
        scheduler.runNext();
        attempts.get(1).completeExceptionally(new IOException("refused"));
        scheduler.runNext();
        EmbeddedChannel ch = new EmbeddedChannel();
        attempts.get(2).complete(ch);
        r.markHealthy();
        ch.close();
        assertThat(scheduler.delays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(1));
    }

    @Test
    void stopCancelsThePendingRetryAndClosesTheConnection() {
        Reconnector r = started();
        attempts.get(0).completeExceptionally(new IOException("refused"));
        r.stop();
        assertThat(scheduler.cancelled).isEqualTo(1);
        scheduler.runNext();
        assertThat(attempts).hasSize(1);

        Reconnector r2 = reconnector();
        r2.start();
        EmbeddedChannel ch = new EmbeddedChannel();
        attempts.get(1).complete(ch);
        r2.stop();
        assertThat(ch.isOpen()).isFalse();
        assertThat(scheduler.tasks).isEmpty();
    }
}
