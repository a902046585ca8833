package jm.directory.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jm.directory.config.DirectoryConfig;
import jm.directory.metrics.RejectReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Garbage, oversized lines, JSON bombs, wrong network, silence, local codes and floods on loopback. */
@Timeout(60)
class HostilePeerTest {
    private final LiveDirectory live = new LiveDirectory();
    private DirectoryServer server;

    private void start(DirectoryConfig.Builder b) throws Exception {
        server = live.start(b, -1);
    }

    private TestClient client() throws IOException {
        return live.client();
    }

    @AfterEach
    void tearDown() throws Exception {
        live.close();
    }

    /** An honest maker/taker pair that must keep working whatever the attackers do. */
    private void assertHonestPairStillRelays() throws IOException {
        TestClient maker = client();
        TestClient taker = client();
        maker.handshakeNg("127.0.0.1:40100");
        taker.handshakeNg("NOT-SERVING-ONION");
        String line = taker.signedPrivmsg(maker.nick, "fill", "0 500000 c0ffee P00");
        taker.send(685, line);
        assertThat(maker.readType(685).orElseThrow().get("line").asText()).isEqualTo(line);
    }

    @Test
    void closesConnectionsSendingGarbage() throws Exception {
        start(DirectoryConfig.localDefaults("regtest"));
        TestClient c = client();
        c.sendRaw("this is not json\r\n");
        assertThat(c.closedByServer()).isTrue();
        TestClient d = client();
        d.sendRaw("{\"type\": \"685\", \"line\": \"x\"}\r\n");
        assertThat(d.closedByServer()).isTrue();
        TestClient e = client();
        e.sendRaw("{\"type\": 793}\r\n");
        assertThat(e.closedByServer()).isTrue();
        assertThat(server.metrics().rejectionsTotal(RejectReason.MALFORMED_ENVELOPE)).isEqualTo(3);
        assertHonestPairStillRelays();
    }

    @Test
    void closesConnectionsSendingOversizedLines() throws Exception {
        assertClosesOn("{\"type\": 687, \"line\": \"" + "A".repeat(70_000) + "\"}\r\n", RejectReason.OVERSIZED_LINE);
    }

    /** A fresh directory closes the connection that sends {@code raw}, for {@code why}, and keeps relaying. */
    private void assertClosesOn(String raw, RejectReason why) throws Exception {
        start(DirectoryConfig.localDefaults("regtest"));
        TestClient c = client();
        c.sendRaw(raw);
        assertThat(c.closedByServer()).isTrue();
        assertThat(server.metrics().rejectionsTotal(why)).isEqualTo(1);
        assertHonestPairStillRelays();
    }

    @Test
    void closesConnectionsSendingJsonBombs() throws Exception {
        start(DirectoryConfig.localDefaults("regtest"));
        TestClient c = client();
        c.sendRaw("{\"type\": 793, \"x\": " + "[".repeat(5_000) + "]".repeat(5_000) + ", \"line\": \"\"}\r\n");
        assertThat(c.closedByServer()).isTrue();
        TestClient d = client();
        String deepHandshake = TestClient.handshakeLine(d.nick, "NOT-SERVING-ONION", "regtest",
                "{\"a\": " + "{\"b\": ".repeat(50) + "1" + "}".repeat(50) + "}");
        d.send(793, deepHandshake);
        assertThat(d.closedByServer()).isTrue();
        assertThat(server.node().registry().size()).isZero();
        assertHonestPairStillRelays();
    }

    @Test
    void answersAcceptedFalseWithItsNetworkThenClosesOnWrongNetworkOrDirectoryClaim() throws Exception {
        start(DirectoryConfig.localDefaults("testnet"));
        TestClient c = client();
        JsonNode dn = c.handshake("NOT-SERVING-ONION", "regtest", "{}");
        assertThat(dn.get("accepted").asBoolean()).isFalse();
        assertThat(dn.get("network").asText()).isEqualTo("testnet");
        assertThat(dn.get("motd").asText()).isEqualTo("Rejected: this directory runs testnet, you announced regtest");
        assertThat(c.closedByServer()).isTrue();
        TestClient d = client();
        JsonNode claim = d.handshake("NOT-SERVING-ONION", "testnet", "{}", h -> h.replace("\"directory\": false",
                "\"directory\": true"));
        assertThat(claim.get("accepted").asBoolean()).isFalse();
        assertThat(claim.get("motd").asText()).startsWith("Rejected: ").contains("directory");
        assertThat(d.closedByServer()).isTrue();
        TestClient e = client();
        JsonNode unknown = e.handshake("NOT-SERVING-ONION", "testnet4", "{}");
        assertThat(unknown.get("accepted").asBoolean()).isFalse();
        assertThat(unknown.get("motd").asText()).startsWith("Rejected: this directory runs testnet;");
        assertThat(server.metrics().rejectionsTotal(RejectReason.WRONG_NETWORK)).isEqualTo(2);
        assertThat(server.metrics().rejectionsTotal(RejectReason.BAD_HANDSHAKE)).isEqualTo(1);
        assertThat(server.node().registry().size()).isZero();
    }

    @Test
    void localModeRefusesNonLoopbackLocationsAndNeverListsThem() throws Exception {
        start(DirectoryConfig.localDefaults("regtest"));
        for (String bad : List.of("evil.example.com:80", "10.0.0.1:5222", "128.0.0.1:5222",
                "lms5jrn6huohsk2u7x6eqs43xqmr5pbu3w4um5spfrvpqgu7eidrtiad.onion:5222")) {
            TestClient c = client();
            JsonNode dn = c.handshakeNg(bad);
            assertThat(dn.get("accepted").asBoolean()).as(bad).isFalse();
            assertThat(dn.get("motd").asText()).as(bad).startsWith("Rejected: location " + bad)
                    .contains("loopback");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(server.metrics().rejectionsTotal(RejectReason.BAD_LOCATION)).isEqualTo(4);
        TestClient maker = client();
        TestClient localhost = client();
        TestClient taker = client();
        assertThat(maker.handshakeNg("127.0.0.1:40200").get("accepted").asBoolean()).isTrue();
        assertThat(localhost.handshakeNg("localhost:40201").get("accepted").asBoolean()).isTrue();
        assertThat(taker.handshakeNg("NOT-SERVING-ONION").get("accepted").asBoolean()).isTrue();
        taker.send(791, "");
        String list = taker.readType(789).orElseThrow().get("line").asText();
        assertThat(list).contains(maker.nick + ";127.0.0.1:40200", localhost.nick + ";localhost:40201")
                .doesNotContain("evil", "10.0.0.1", "128.0.0.1", ".onion");
    }

    @Test
    void closesConnectionsThatNeverHandshake() throws Exception {
        start(DirectoryConfig.localDefaults("regtest").handshakeTimeout(java.time.Duration.ofMillis(300)));
        TestClient silent = client();
        assertThat(silent.closedByServer()).isTrue();
        assertThat(server.metrics().rejectionsTotal(RejectReason.HANDSHAKE_TIMEOUT)).isEqualTo(1);
    }

    @Test
    void rejectsLocalOnlyTypeCodesFromTheWireWithoutCreatingPeers() throws Exception {
        start(DirectoryConfig.localDefaults("regtest"));
        for (int code : new int[] {785, 787, 797}) {
            TestClient c = client();
            c.handshakeNg("NOT-SERVING-ONION");
            c.send(code, "127.0.0.1:9999");
            assertThat(c.closedByServer()).as("code %d", code).isTrue();
        }
        TestClient pre = client();
        pre.send(797, "phantom.onion:5222");
        assertThat(pre.closedByServer()).isTrue();
        assertThat(server.metrics().rejectionsTotal(RejectReason.LOCAL_ONLY_TYPE)).isEqualTo(4);
        TestClient asker = client();
        asker.handshakeNg("NOT-SERVING-ONION");
        asker.send(791, "");
        assertThat(asker.readType(789).orElseThrow().get("line").asText()).isEmpty();
    }

    @Test
    void ignoresDisconnectFromTheWire() throws Exception {
        start(DirectoryConfig.localDefaults("regtest"));
        TestClient c = client();
        c.handshakeNg("NOT-SERVING-ONION");
        c.send(801, "");
        c.send(798, "");
        assertThat(c.readEnvelope().orElseThrow().get("type").asInt()).isEqualTo(799);
        assertThat(server.metrics().rejectionsTotal(RejectReason.DISCONNECT_TYPE)).isEqualTo(1);
    }

    @Test
    void dropsPubmsgCarryingOrderbookTwice() throws Exception {
        start(DirectoryConfig.localDefaults("regtest"));
        TestClient a = client();
        TestClient b = client();
        a.handshakeNg("NOT-SERVING-ONION");
        b.handshakeNg("NOT-SERVING-ONION");
        a.send(687, a.nick + "!PUBLIC!orderbook!orderbook");
        assertThat(b.silentFor(300)).isTrue();
        assertThat(server.metrics().rejectionsTotal(RejectReason.DUPLICATE_ORDERBOOK)).isEqualTo(1);
    }

    @Test
    void throttlesThenDisconnectsOrderbookFloodersFromManyConnectionsWhileHonestPairKeepsWorking()
            throws Exception {
        start(DirectoryConfig.localDefaults("regtest"));
        TestClient maker = client();
        TestClient taker = client();
        maker.handshakeNg("127.0.0.1:40200");
        taker.handshakeNg("NOT-SERVING-ONION");
        List<TestClient> flooders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TestClient f = client();
            f.handshakeNg("NOT-SERVING-ONION");
            flooders.add(f);
        }
        StringBuilder burst = new StringBuilder();
        for (TestClient f : flooders) {
            burst.setLength(0);
            for (int j = 0; j < 300; j++) {
                burst.append(TestClient.envelope(687, f.nick + "!PUBLIC!orderbook")).append("\r\n");
            }
            try {
                f.sendRaw(burst.toString());
            } catch (IOException closedAlready) {
                // the directory may close a flooder while it is still writing
            }
        }
        for (TestClient f : flooders) {
            assertThat(f.closedByServer()).isTrue();
        }
        assertThat(server.metrics().bansTotal()).isEqualTo(20);
        assertThat(server.metrics().rejectionsTotal(RejectReason.ORDERBOOK_RATE_LIMITED)
                + server.metrics().rejectionsTotal(RejectReason.PUBMSG_RATE_LIMITED)).isGreaterThanOrEqualTo(20 * 100);
        // the honest pair was not disturbed
        String line = taker.signedPrivmsg(maker.nick, "fill", "0 500000 c0ffee P00");
        taker.send(685, line);
        assertThat(maker.readType(685).orElseThrow().get("line").asText()).isEqualTo(line);
        // a banned nick cannot come back
        TestClient back = TestClient.connect(server.port(), null, flooders.get(0).nick);
        live.track(back);
        back.send(793, TestClient.handshakeLine(back.nick, "NOT-SERVING-ONION", "regtest", "{}"));
        assertThat(back.readEnvelope()).isEmpty();
    }

    @Test
    void dropsMessagesBeyondTheConnectionBucketAndDisconnectsPersistentFlooders() throws Exception {
        start(DirectoryConfig.localDefaults("regtest").messageRateLimit(50).messageBurstLimit(100)
                .rateLimitDisconnectThreshold(200));
        TestClient target = client();
        TestClient flooder = client();
        target.handshakeNg("NOT-SERVING-ONION");
        flooder.handshakeNg("NOT-SERVING-ONION");
        StringBuilder sb = new StringBuilder();
        String priv = flooder.signedPrivmsg(target.nick, "hp2", "00");
        for (int i = 0; i < 400; i++) {
            sb.append(TestClient.envelope(685, priv)).append("\r\n");
        }
        try {
            flooder.sendRaw(sb.toString());
        } catch (IOException closedAlready) {
            // fine
        }
        assertThat(flooder.closedByServer()).isTrue();
        long relayed = server.metrics().privmsgRelayedTotal();
        assertThat(relayed).isBetween(99L, 150L);
        assertThat(server.metrics().rejectionsTotal(RejectReason.RATE_LIMITED)).isGreaterThanOrEqualTo(200);
    }
}
