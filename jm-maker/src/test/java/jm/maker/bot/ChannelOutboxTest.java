package jm.maker.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jm.core.crypto.NickKey;
import jm.core.wire.PubMsg;
import jm.directory.config.DirectoryConfig;
import jm.directory.server.DirectoryServer;
import jm.directory.server.TimeSource;
import jm.net.channel.ChannelId;
import jm.net.channel.MessageChannelConfig;
import jm.net.channel.MessageListener;
import jm.net.channel.OnionMessageChannel;
import jm.net.transport.Endpoint;
import jm.net.transport.NetRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Commitment broadcasts ({@code !hp2}) reach every directory, as NG's do. */
@Timeout(60)
class ChannelOutboxTest {
    static final String COMMITMENT = "45bdb19c549f8b30865801752d1796b0a74dfd6ff8a506af852568e9348436d2";
    final SecureRandom random = new SecureRandom();
    final List<AutoCloseable> closing = new ArrayList<>();
    final ExecutorService background = Executors.newSingleThreadExecutor();
    NetRuntime runtime;

    @BeforeEach
    void setUp() {
        runtime = NetRuntime.create(2, "outbox-test");
    }

    @AfterEach
    void tearDown() throws Exception {
        background.shutdownNow();
        background.awaitTermination(30, TimeUnit.SECONDS);
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        runtime.close();
    }

    Endpoint directory() throws Exception {
        DirectoryServer d = DirectoryServer.start(DirectoryConfig.localDefaults("regtest").host("127.0.0.1").port(0)
                .healthCheckPort(-1).build(), NickKey.random(random).nick(), TimeSource.SYSTEM);
        closing.add(d);
        return new Endpoint("127.0.0.1", d.port());
    }

    /** A peer on one directory that records the public messages it sees there. */
    BlockingQueue<PubMsg> observer(Endpoint dir) throws Exception {
        BlockingQueue<PubMsg> seen = new LinkedBlockingQueue<>();
        ExecutorService listener = Executors.newSingleThreadExecutor();
        closing.add(listener::shutdownNow);
        OnionMessageChannel c = OnionMessageChannel.builder(MessageChannelConfig.local("regtest", List.of(dir)),
                NickKey.random(random), runtime, listener, new MessageListener() {
                    @Override
                    public void onPublic(ChannelId via, PubMsg message) {
                        seen.add(message);
                    }
                }).build();
        closing.add(c);
        c.start().get(10, TimeUnit.SECONDS);
        c.awaitDirectory().get(10, TimeUnit.SECONDS);
        return seen;
    }

    ChannelOutbox outbox(List<Endpoint> dirs, Duration allDirectoriesWait) {
        MessageChannelConfig cfg = MessageChannelConfig.local("regtest", dirs);
        return new ChannelOutbox(OnionMessageChannel.builder(cfg, NickKey.random(random), runtime, background,
                new MessageListener() { }).build(), () -> OnionMessageChannel.builder(cfg, NickKey.random(random),
                runtime, background, new MessageListener() { }).build(), background, allDirectoriesWait);
    }

    static void assertHp2(BlockingQueue<PubMsg> seen) throws InterruptedException {
        PubMsg m = seen.poll(30, TimeUnit.SECONDS);
        assertThat(m).as("!hp2 seen on this directory").isNotNull();
        assertThat(m.body()).isEqualTo("hp2 " + COMMITMENT);
    }

    @Test
    void publishesTheCommitmentOnEveryDirectory() throws Exception {
        Endpoint a = directory();
        Endpoint b = directory();
        BlockingQueue<PubMsg> onA = observer(a);
        BlockingQueue<PubMsg> onB = observer(b);
        outbox(List.of(a, b), Duration.ofSeconds(30)).broadcastCommitment(COMMITMENT);
        assertHp2(onA);
        assertHp2(onB);
    }

    @Test
    void publishesOnTheDirectoriesThatAreUpWhenAnotherNeverAnswers() throws Exception {
        Endpoint a = directory();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        BlockingQueue<PubMsg> onA = observer(a);
        outbox(List.of(a, new Endpoint("127.0.0.1", closedPort)), Duration.ofMillis(300))
                .broadcastCommitment(COMMITMENT);
        assertHp2(onA);
    }
}
