package jm.demo.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jm.core.Nick;
import jm.core.crypto.NickKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderbookAwareExecutorTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    final SecureRandom random = new SecureRandom();
    final Nick a = NickKey.random(random).nick();
    final Nick b = NickKey.random(random).nick();
    final Nick stranger = NickKey.random(random).nick();
    OrderbookAwareExecutor executor;

    @AfterEach
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Waits until everything queued so far on the (serial) executor has run. */
    void drain() throws Exception {
        executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void runsTheOrderbookStepAsSoonAsEveryExpectedMakerHasAnswered() throws Exception {
        executor = new OrderbookAwareExecutor(WAIT, Set.of(a, b), "t");
        CompletableFuture<Void> step = new CompletableFuture<>();
        executor.schedule((Runnable) () -> step.complete(null), WAIT.toMillis(), TimeUnit.MILLISECONDS);
        executor.offerFrom(a);
        drain();
        assertThat(step).isNotDone();
        executor.offerFrom(b);
        step.get(5, TimeUnit.SECONDS);
        assertThat(executor.answered()).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void answersThatArriveBeforeTheTimerIsScheduledCountToo() throws Exception {
        executor = new OrderbookAwareExecutor(WAIT, Set.of(a), "t");
        executor.offerFrom(a);
        CompletableFuture<Void> step = new CompletableFuture<>();
        executor.schedule((Runnable) () -> step.complete(null), WAIT.toMillis(), TimeUnit.MILLISECONDS);
        step.get(5, TimeUnit.SECONDS);
    }

    @Test
    void offersFromNicksNobodyExpectedDoNotEndTheWait() throws Exception {
        executor = new OrderbookAwareExecutor(WAIT, Set.of(a), "t");
        CompletableFuture<Void> step = new CompletableFuture<>();
        executor.schedule((Runnable) () -> step.complete(null), WAIT.toMillis(), TimeUnit.MILLISECONDS);
        executor.offerFrom(stranger);
        executor.offerFrom(stranger);
        drain();
        assertThat(step).isNotDone();
        assertThat(executor.answered()).isEmpty();
    }

    @Test
    void otherTimersAreLeftAloneAndTheStepRunsOnce() throws Exception {
        executor = new OrderbookAwareExecutor(WAIT, Set.of(a), "t");
        AtomicInteger other = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        executor.schedule((Runnable) other::incrementAndGet, WAIT.toMillis() + 1, TimeUnit.MILLISECONDS);
        executor.schedule((Runnable) runs::incrementAndGet, WAIT.toMillis(), TimeUnit.MILLISECONDS);
        executor.offerFrom(a);
        executor.offerFrom(a);
        executor.schedule((Runnable) runs::incrementAndGet, WAIT.toMillis(), TimeUnit.MILLISECONDS); // a later timer: not early
        drain();
        assertThat(runs).hasValue(1);
        assertThat(other).hasValue(0);
    }

    @Test
    void demoConfigRejectsMakerCountsAndTimeoutsOutOfRange() {
        Path root = Path.of("unused");
        assertThatThrownBy(() -> DemoConfig.of(root, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("makers");
        assertThatThrownBy(() -> DemoConfig.of(root, DemoConfig.MAX_MAKERS + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DemoConfig(root, 3, Duration.ZERO, WAIT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DemoConfig.of(root, DemoConfig.MAX_MAKERS).makers()).isEqualTo(DemoConfig.MAX_MAKERS);
    }
}
