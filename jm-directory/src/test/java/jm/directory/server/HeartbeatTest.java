package jm.directory.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import jm.core.crypto.NickKey;
import jm.directory.config.DirectoryConfig;
import jm.directory.metrics.DirectoryMetrics;
import jm.directory.metrics.RejectReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PROTOCOL.md 1.8 heartbeat on a fake clock: no waiting, no sockets. */
class HeartbeatTest {
    private final FakeTime time = new FakeTime();
    private DirectoryNode node;

    @BeforeEach
    void setUp() {
        node = node(time);
    }

    /** A socket-free regtest directory with default limits on {@code time}. */
    static DirectoryNode node(FakeTime time) {
        return new DirectoryNode(DirectoryConfig.localDefaults("regtest").build(),
                NickKey.random(new SecureRandom()).nick(), time, new DirectoryMetrics());
    }

    private EmbeddedChannel peer(String location, String features) {
        EmbeddedChannel ch = new EmbeddedChannel(node.newHandler());
        String nick = NickKey.random(new SecureRandom()).nick().value();
        ch.writeInbound(line(793, TestClient.handshakeLine(nick, location, "regtest", features)));
        assertThat(drain(ch)).singleElement().asString().contains("\"type\": 795");
        return ch;
    }

    private static ByteBuf line(int type, String l) {
        return Unpooled.copiedBuffer(TestClient.envelope(type, l) + "\r\n", StandardCharsets.UTF_8);
    }

    /** Runs pending tasks and returns (and releases) everything written to {@code ch}. */
    static List<String> drain(EmbeddedChannel ch) {
        ch.runPendingTasks();
        List<String> out = new ArrayList<>();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            out.add(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out;
    }

    @Test
    void probesIdlePingPeerAndEvictsItWhenNoPongArrives() {
        EmbeddedChannel ng = peer("NOT-SERVING-ONION", "{\"ping\": true}");
        time.advanceMillis(599_000);
        node.heartbeatSweep();
        assertThat(drain(ng)).isEmpty();
        time.advanceMillis(1_000);
        node.heartbeatSweep();
        assertThat(drain(ng)).containsExactly("{\"type\": 798, \"line\": \"\"}\r\n");
        time.advanceMillis(29_000);
        node.heartbeatSweep();
        assertThat(ng.isOpen()).isTrue();
        time.advanceMillis(1_000);
        assertThat(node.heartbeatSweep()).isEqualTo(1);
        assertThat(ng.isOpen()).isFalse();
        assertThat(node.metrics().evictionsTotal()).isEqualTo(1);
        assertThat(node.registry().size()).isZero();
    }

    @Test
    void keepsPeerThatAnswersThePing() {
        EmbeddedChannel ng = peer("NOT-SERVING-ONION", "{\"ping\": true}");
        time.advanceMillis(600_000);
        node.heartbeatSweep();
        assertThat(drain(ng)).hasSize(1);
        time.advanceMillis(5_000);
        ng.writeInbound(line(799, ""));
        time.advanceMillis(60_000);
        node.heartbeatSweep();
        assertThat(ng.isOpen()).isTrue();
        assertThat(node.registry().size()).isEqualTo(1);
    }

    @Test
    void probesNonPingMakerWithOrderbookAndNeverProbesNonPingTaker() {
        EmbeddedChannel maker = peer("127.0.0.1:5222", "{}");
        EmbeddedChannel taker = peer("NOT-SERVING-ONION", "{}");
        time.advanceMillis(600_000);
        node.heartbeatSweep();
        assertThat(drain(maker)).containsExactly(
                "{\"type\": 687, \"line\": \"" + node.nick().value() + "!PUBLIC!orderbook\"}\r\n");
        assertThat(drain(taker)).isEmpty();
        // the maker's offers (addressed to the directory) count as activity
        time.advanceMillis(60_000);
        node.heartbeatSweep();
        assertThat(maker.isOpen()).isTrue();
        assertThat(taker.isOpen()).isTrue();
    }

    @Test
    void evictsSilentPeersAfterFifteenHundredSeconds() {
        EmbeddedChannel taker = peer("NOT-SERVING-ONION", "{}");
        EmbeddedChannel chatty = peer("NOT-SERVING-ONION", "{}");
        time.advanceMillis(1_499_000);
        chatty.writeInbound(line(791, ""));
        node.heartbeatSweep();
        assertThat(taker.isOpen()).isTrue();
        time.advanceMillis(1_000);
        node.heartbeatSweep();
        assertThat(taker.isOpen()).isFalse();
        assertThat(chatty.isOpen()).isTrue();
    }

    @Test
    void closesConnectionsWithoutHandshakeAfterThirtySeconds() {
        EmbeddedChannel silent = new EmbeddedChannel(node.newHandler());
        time.advanceMillis(29_000);
        assertThat(node.handshakeSweep()).isZero();
        time.advanceMillis(1_000);
        assertThat(node.handshakeSweep()).isEqualTo(1);
        silent.runPendingTasks();
        assertThat(silent.isOpen()).isFalse();
    }

    @Test
    void dropsBroadcastsBeyondTheDirectoryWideBudget() {
        // 15 copies/s, at most 3 at once; each broadcast to 3 registered peers costs 3
        node = new DirectoryNode(DirectoryConfig.localDefaults("regtest").broadcastDeliveriesPerSecond(15).build(),
                NickKey.random(new SecureRandom()).nick(), time, new DirectoryMetrics());
        EmbeddedChannel a = peer("127.0.0.1:7000", "{}");
        EmbeddedChannel b = peer("NOT-SERVING-ONION", "{}");
        EmbeddedChannel c = peer("NOT-SERVING-ONION", "{}");
        String nick = node.registry().all().stream().filter(p -> p.channel() == a).findFirst().orElseThrow().nick();
        for (int i = 0; i < 4; i++) {
            a.writeInbound(line(687, nick + "!PUBLIC!sw0reloffer " + i + " 27300 1000000 0 0.0002"));
        }
        assertThat(drain(b)).hasSize(1);
        assertThat(drain(c)).hasSize(1);
        assertThat(node.metrics().rejectionsTotal(jm.directory.metrics.RejectReason.BROADCAST_BUDGET)).isEqualTo(3);
        time.advanceMillis(100);
        a.writeInbound(line(687, nick + "!PUBLIC!sw0reloffer 8 27300 1000000 0 0.0002"));
        assertThat(drain(b)).isEmpty();
        time.advanceMillis(110);
        a.writeInbound(line(687, nick + "!PUBLIC!sw0reloffer 9 27300 1000000 0 0.0002"));
        assertThat(drain(b)).hasSize(1);
    }

    @Test
    void broadcastLargerThanTheBurstPassesWhenFullAndLeavesADebt() {
        // 10 copies/s, burst 2; a broadcast to 3 peers costs 3: passes on a full bucket, then
        // the debt of 1 must be repaid (300 ms to refill to 2) before the next
        node = new DirectoryNode(DirectoryConfig.localDefaults("regtest").broadcastDeliveriesPerSecond(10).build(),
                NickKey.random(new SecureRandom()).nick(), time, new DirectoryMetrics());
        EmbeddedChannel a = peer("127.0.0.1:7000", "{}");
        EmbeddedChannel b = peer("NOT-SERVING-ONION", "{}");
        peer("NOT-SERVING-ONION", "{}");
        String nick = node.registry().all().stream().filter(p -> p.channel() == a).findFirst().orElseThrow().nick();
        a.writeInbound(line(687, nick + "!PUBLIC!sw0reloffer 1 27300 1000000 0 0.0002"));
        assertThat(drain(b)).hasSize(1);
        time.advanceMillis(250);
        a.writeInbound(line(687, nick + "!PUBLIC!sw0reloffer 2 27300 1000000 0 0.0002"));
        assertThat(drain(b)).isEmpty();
        time.advanceMillis(60);
        a.writeInbound(line(687, nick + "!PUBLIC!sw0reloffer 3 27300 1000000 0 0.0002"));
        assertThat(drain(b)).hasSize(1);
    }

    @Test
    void orderbookBucketRefillsWithTime() {
        node = new DirectoryNode(DirectoryConfig.localDefaults("regtest").orderbookBurst(3).build(),
                NickKey.random(new SecureRandom()).nick(), time, new DirectoryMetrics());
        EmbeddedChannel a = peer("NOT-SERVING-ONION", "{}");
        EmbeddedChannel b = peer("NOT-SERVING-ONION", "{}");
        String nick = node.registry().all().stream().filter(p -> p.channel() == a).findFirst().orElseThrow().nick();
        for (int i = 0; i < 5; i++) {
            a.writeInbound(line(687, nick + "!PUBLIC!orderbook"));
        }
        assertThat(drain(b)).hasSize(3); // burst 3
        time.advanceMillis(9_000);
        a.writeInbound(line(687, nick + "!PUBLIC!orderbook"));
        assertThat(drain(b)).isEmpty();
        time.advanceMillis(1_000);
        a.writeInbound(line(687, nick + "!PUBLIC!orderbook"));
        assertThat(drain(b)).hasSize(1);
    }

    @Test
    void connectionMessageBucketStartsFullAndRefillsWithTime() {
        node = new DirectoryNode(DirectoryConfig.localDefaults("regtest").messageRateLimit(2).messageBurstLimit(3)
                .rateLimitDisconnectThreshold(0).build(), NickKey.random(new SecureRandom()).nick(), time,
                new DirectoryMetrics());
        EmbeddedChannel a = peer("NOT-SERVING-ONION", "{}"); // the handshake took one of the 3
        for (int i = 0; i < 4; i++) {
            a.writeInbound(line(798, ""));
        }
        assertThat(drain(a)).hasSize(2);
        assertThat(node.metrics().rejectionsTotal(RejectReason.RATE_LIMITED)).isEqualTo(2);
        time.advanceMillis(400); // 0.8 of a token at 2 per second
        a.writeInbound(line(798, ""));
        assertThat(drain(a)).isEmpty();
        time.advanceMillis(200);
        a.writeInbound(line(798, ""));
        assertThat(drain(a)).hasSize(1);
        time.advanceMillis(60_000); // refills up to the burst only
        for (int i = 0; i < 5; i++) {
            a.writeInbound(line(798, ""));
        }
        assertThat(drain(a)).hasSize(3);
        assertThat(a.isOpen()).isTrue();
    }
}
