package jm.taker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jm.core.Network;
import jm.core.Sats;
import jm.core.crypto.NickKey;
import jm.directory.config.DirectoryConfig;
import jm.directory.server.DirectoryServer;
import jm.directory.server.TimeSource;
import jm.net.channel.MessageChannelConfig;
import jm.net.transport.Endpoint;
import jm.taker.broadcast.BroadcastPolicy;
import jm.taker.podle.InMemoryUsedCommitmentStore;
import jm.taker.session.CoinJoinReport;
import jm.taker.session.CoinJoinRequest;
import jm.taker.session.Phase;
import jm.taker.session.ProgressListener;
import jm.taker.session.TakerConfig;
import jm.taker.testing.FakeChain;
import jm.taker.testing.FakeWallet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client's lifecycle against our directory on loopback, with an in-memory wallet and chain and no makers. */
@Timeout(60)
class TakerClientTest {
    final FakeChain chain = new FakeChain(true);
    final FakeWallet wallet = new FakeWallet(chain, 3);
    DirectoryServer directory;
    TakerClient client;

    @AfterEach
    void stopAll() throws Exception {
        if (client != null) {
            client.stop().get(30, TimeUnit.SECONDS);
        }
        if (directory != null) {
            directory.close();
        }
    }

    TakerClient clientOn(List<Endpoint> dirs, Duration directoryWait) {
        client = new TakerClient(TakerClient.Settings.of(MessageChannelConfig.local("regtest", dirs))
                .withDirectoryWait(directoryWait), wallet, chain, new InMemoryUsedCommitmentStore(),
                new SecureRandom(), Clock.systemUTC());
        return client;
    }

    TakerClient startedClient() throws Exception {
        directory = DirectoryServer.start(DirectoryConfig.localDefaults("regtest").host("127.0.0.1").port(0)
                .healthCheckPort(-1).build(), NickKey.random(new SecureRandom()).nick(), TimeSource.SYSTEM);
        TakerClient c = clientOn(List.of(new Endpoint("127.0.0.1", directory.port())), Duration.ofSeconds(30));
        c.start().get(30, TimeUnit.SECONDS);
        assertThat(c.state()).isEqualTo(TakerClient.State.RUNNING);
        return c;
    }

    static TakerConfig hourLongOrderWait() {
        return TakerConfig.defaults(Network.REGTEST).withMinimumMakers(2).withFixedFeeRate(2_000)
                .withBroadcast(BroadcastPolicy.SELF).withTimeouts(Duration.ofHours(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    static CoinJoinRequest oneMillion() {
        return new CoinJoinRequest(Sats.of(1_000_000), 0, Optional.empty(), OptionalInt.of(2));
    }

    /** Records every event; completes {@code inOrderbook} once the orderbook wait has begun. */
    static final class Recorder implements ProgressListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> inOrderbook = new CompletableFuture<>();

        @Override
        public void onProgress(Phase phase, String message) {
            events.add(phase + ": " + message);
        }

        @Override
        public void onPhase(Phase from, Phase to) {
            events.add(from + " -> " + to);
            if (to == Phase.ORDERBOOK) {
                inOrderbook.complete(null);
            }
        }
    }

    /** Starts a CoinJoin and returns once it waits for offers. */
    static CoinJoinHandle inOrderbook(TakerClient c, Recorder r) throws Exception {
        CoinJoinHandle running = c.coinJoin(oneMillion(), hourLongOrderWait(), r);
        r.inOrderbook.get(20, TimeUnit.SECONDS);
        return running;
    }

    @Test
    void runsCoinJoinsOneAfterAnotherOnOneConnectionAndCancelsARunningOne() throws Exception {
        wallet.add(0, 1_500_000, 10);
        TakerClient c = startedClient();
        Recorder first = new Recorder();
        CoinJoinHandle running = inOrderbook(c, first);
        assertThatThrownBy(() -> c.coinJoin(oneMillion(), hourLongOrderWait(), ProgressListener.NONE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already running");

        CoinJoinReport cancelled = running.cancel("changed my mind").result().get(20, TimeUnit.SECONDS);
        assertThat(cancelled.success()).isFalse();
        assertThat(cancelled.failedPhase()).contains(Phase.ORDERBOOK);
        assertThat(cancelled.failure()).contains("aborted: changed my mind");
        assertThat(first.events).containsSubsequence("PREFLIGHT -> ORDERBOOK", "ORDERBOOK -> FAILED");
        assertThat(wallet.locked()).isEmpty();

        CoinJoinHandle next = inOrderbook(c, new Recorder());
        next.endOrderbookWait(); // no maker in this market: the CoinJoin ends for lack of offers
        CoinJoinReport none = next.result().get(20, TimeUnit.SECONDS);
        assertThat(none.failedPhase()).contains(Phase.ORDERBOOK);
        assertThat(none.failure().orElseThrow()).startsWith("only 0 suitable offers");
        assertThat(c.state()).isEqualTo(TakerClient.State.RUNNING);
    }

    @Test
    void stopCancelsTheRunningCoinJoinReleasesItsCoinsAndIsIdempotent() throws Exception {
        wallet.add(0, 1_500_000, 10);
        TakerClient c = startedClient();
        CoinJoinHandle running = inOrderbook(c, new Recorder());

        CompletableFuture<Void> stopping = c.stop("interrupted (Ctrl-C or SIGTERM)");
        assertThat(c.stop()).isSameAs(stopping);
        stopping.get(30, TimeUnit.SECONDS);
        assertThat(c.state()).isEqualTo(TakerClient.State.STOPPED);
        assertThat(running.result().get(1, TimeUnit.SECONDS).failure()).contains(
                "aborted: interrupted (Ctrl-C or SIGTERM)");
        assertThat(wallet.locked()).isEmpty();
        assertThatThrownBy(() -> c.coinJoin(oneMillion(), hourLongOrderWait(), ProgressListener.NONE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("STOPPED");
        assertThat(c.stop()).isDone();
    }

    @Test
    void startFailsSayingWhyWhenNoDirectoryAnswers() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        TakerClient c = clientOn(List.of(new Endpoint("127.0.0.1", closedPort)), Duration.ofSeconds(3));
        assertThatThrownBy(() -> c.start().get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(DirectoryUnreachableException.class)
                .hasMessageContaining("no directory accepted us");
        assertThat(c.start()).isCompletedExceptionally();
        c.stop().get(30, TimeUnit.SECONDS);
        assertThat(c.state()).isEqualTo(TakerClient.State.STOPPED);
    }

    @Test
    void stoppingAClientThatNeverStartedReleasesItsThreads() throws Exception {
        TakerClient c = clientOn(List.of(new Endpoint("127.0.0.1", 1)), Duration.ofSeconds(3));
        c.stop().get(10, TimeUnit.SECONDS);
        assertThat(c.state()).isEqualTo(TakerClient.State.STOPPED);
        assertThat(c.start()).isCompletedExceptionally();
    }
}
