package jm.directory.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jm.core.crypto.NickKey;
import jm.directory.config.DirectoryConfig;
import jm.directory.metrics.RejectReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A directory on loopback driven by blocking clients built from jm-core (nick keys, signatures). */
@Timeout(60)
class DirectoryServerTest {
    private final LiveDirectory live = new LiveDirectory();
    private DirectoryServer server;

    private DirectoryServer start(DirectoryConfig.Builder b) throws Exception {
        server = live.start(b, 0);
        return server;
    }

    private DirectoryServer start() throws Exception {
        return start(DirectoryConfig.localDefaults("regtest").motd("hello regtest"));
    }

    private TestClient client() throws IOException {
        return live.client();
    }

    /** A client handshaked as JoinMarket NG does (peerlist_features, ping) from {@code location}. */
    private TestClient ng(String location) throws IOException {
        TestClient c = client();
        c.handshakeNg(location);
        return c;
    }

    /** A client handshaked as the reference does (no features) from {@code location}. */
    private TestClient reference(String location) throws IOException {
        TestClient c = client();
        c.handshakeReference(location);
        return c;
    }

    @AfterEach
    void tearDown() throws Exception {
        live.close();
    }

    @Test
    void acceptsHandshakeWithDirectoryFeaturesNetworkAndMotd() throws Exception {
        start();
        TestClient c = client();
        JsonNode dn = c.handshakeNg("NOT-SERVING-ONION");
        assertThat(dn.get("app-name").asText()).isEqualTo("joinmarket");
        assertThat(dn.get("directory").asBoolean()).isTrue();
        assertThat(dn.get("accepted").asBoolean()).isTrue();
        assertThat(dn.get("proto-ver-min").asInt()).isEqualTo(5);
        assertThat(dn.get("proto-ver-max").asInt()).isEqualTo(5);
        assertThat(dn.get("network").asText()).isEqualTo("regtest");
        assertThat(dn.get("motd").asText()).isEqualTo("hello regtest");
        assertThat(dn.get("nick").asText()).isEqualTo(server.node().nick().value());
        assertThat(dn.get("features").get("peerlist_features").asBoolean()).isTrue();
        assertThat(dn.get("features").get("ping").asBoolean()).isTrue();
    }

    @Test
    void relaysSignedPrivmsgToItsTargetOnlyThenTellsTargetWhereSenderServes() throws Exception {
        start();
        TestClient maker = reference("127.0.0.1:40001");
        TestClient taker = ng("NOT-SERVING-ONION");
        TestClient bystander = ng("127.0.0.1:40002");

        String toMaker = taker.signedPrivmsg(maker.nick, "fill", "0 100000 abcd P0123");
        taker.send(685, toMaker);
        JsonNode got = maker.readType(685).orElseThrow();
        assertThat(got.get("line").asText()).isEqualTo(toMaker);

        String toTaker = maker.signedPrivmsg(taker.nick, "pubkey", "deadbeef");
        maker.send(685, toTaker);
        assertThat(taker.readType(685).orElseThrow().get("line").asText()).isEqualTo(toTaker);
        // the taker (NG, peerlist_features) learns where the maker serves; the maker has no features
        assertThat(taker.readType(789).orElseThrow().get("line").asText())
                .isEqualTo(maker.nick + ";127.0.0.1:40001");
        assertThat(bystander.silentFor(300)).isTrue();
        assertThat(server.metrics().privmsgRelayedTotal()).isEqualTo(2);
    }

    @Test
    void sendsFeatureEntriesOnlyToPeersThatAdvertisedPeerlistFeatures() throws Exception {
        start();
        TestClient ngMaker = ng("127.0.0.1:40003");
        TestClient refTaker = reference("NOT-SERVING-ONION");
        TestClient ngTaker = ng("NOT-SERVING-ONION");

        ngMaker.send(685, ngMaker.signedPrivmsg(refTaker.nick, "ioauth", "x"));
        refTaker.readType(685).orElseThrow();
        assertThat(refTaker.readType(789).orElseThrow().get("line").asText())
                .isEqualTo(ngMaker.nick + ";127.0.0.1:40003");

        ngMaker.send(685, ngMaker.signedPrivmsg(ngTaker.nick, "ioauth", "y"));
        ngTaker.readType(685).orElseThrow();
        assertThat(ngTaker.readType(789).orElseThrow().get("line").asText())
                .isEqualTo(ngMaker.nick + ";127.0.0.1:40003;F:peerlist_features+ping");
    }

    @Test
    void broadcastsPubmsgToEveryOtherPeerWithoutEcho() throws Exception {
        start();
        TestClient a = ng("127.0.0.1:40010");
        TestClient b = reference("NOT-SERVING-ONION");
        TestClient c = ng("NOT-SERVING-ONION");
        String offer = a.nick + "!PUBLIC!sw0reloffer 0 27300 100000000 0 0.00002";
        a.send(687, offer);
        assertThat(b.readType(687).orElseThrow().get("line").asText()).isEqualTo(offer);
        assertThat(c.readType(687).orElseThrow().get("line").asText()).isEqualTo(offer);
        assertThat(a.silentFor(300)).isTrue();
    }

    @Test
    void answersGetPeerlistInChunksOfTwentyIncludingTakers() throws Exception {
        start();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 24; i++) {
            TestClient p = client();
            String loc = i % 2 == 0 ? "127.0.0.1:" + (41000 + i) : "NOT-SERVING-ONION";
            if (i % 3 == 0) {
                p.handshakeReference(loc);
                expected.add(p.nick + ";" + loc);
            } else {
                p.handshakeNg(loc);
                expected.add(p.nick + ";" + loc + ";F:peerlist_features+ping");
            }
        }
        TestClient asker = ng("NOT-SERVING-ONION");
        asker.send(791, "");
        Set<String> got = new HashSet<>();
        JsonNode first = asker.readType(789).orElseThrow();
        JsonNode second = asker.readType(789).orElseThrow();
        String[] e1 = first.get("line").asText().split(",");
        String[] e2 = second.get("line").asText().split(",");
        assertThat(e1).hasSize(20);
        assertThat(e2).hasSize(4);
        got.addAll(List.of(e1));
        got.addAll(List.of(e2));
        assertThat(got).isEqualTo(expected);

        TestClient refAsker = reference("NOT-SERVING-ONION");
        refAsker.send(791, "");
        String plain = refAsker.readType(789).orElseThrow().get("line").asText();
        assertThat(plain).doesNotContain(";F:");
    }

    @Test
    void treatsAnEmptyLocationAsNotServingLikeNg() throws Exception {
        start();
        TestClient a = client();
        assertThat(a.handshake("", "regtest", "{}").get("accepted").asBoolean()).isTrue();
        TestClient b = ng("NOT-SERVING-ONION");
        b.send(791, "");
        assertThat(b.readType(789).orElseThrow().get("line").asText()).isEqualTo(a.nick + ";NOT-SERVING-ONION");
    }

    @Test
    void answersEmptyPeerlistWhenAlone() throws Exception {
        start();
        TestClient a = ng("NOT-SERVING-ONION");
        a.send(791, "");
        assertThat(a.readType(789).orElseThrow().get("line").asText()).isEmpty();
    }

    @Test
    void answersPingWithPong() throws Exception {
        start();
        TestClient a = ng("NOT-SERVING-ONION");
        a.send(798, "");
        assertThat(a.readEnvelope().orElseThrow().get("type").asInt()).isEqualTo(799);
    }

    @Test
    void refusesSecondLiveConnectionWithTheSameNick() throws Exception {
        start();
        NickKey k = NickKey.random(new SecureRandom());
        TestClient first = TestClient.connect(server.port(), k, k.nick().value());
        TestClient second = TestClient.connect(server.port(), k, k.nick().value());
        live.track(first);
        live.track(second);
        assertThat(first.handshakeNg("NOT-SERVING-ONION").get("accepted").asBoolean()).isTrue();
        JsonNode dn = second.handshakeNg("NOT-SERVING-ONION");
        assertThat(dn.get("accepted").asBoolean()).isFalse();
        assertThat(dn.get("motd").asText()).startsWith("Rejected");
        assertThat(second.closedByServer()).isTrue();
    }

    @Test
    void refusesHandshakesBeyondMaxPeers() throws Exception {
        start(DirectoryConfig.localDefaults("regtest").maxPeers(2));
        client().handshakeNg("NOT-SERVING-ONION");
        client().handshakeNg("NOT-SERVING-ONION");
        TestClient third = client();
        assertThat(third.handshakeNg("NOT-SERVING-ONION").get("accepted").asBoolean()).isFalse();
        assertThat(server.metrics().rejectionsTotal(RejectReason.DIRECTORY_FULL)).isEqualTo(1);
    }

    @Test
    void dropsPubmsgAndPrivmsgWithSpoofedSenderNick() throws Exception {
        start();
        TestClient a = ng("NOT-SERVING-ONION");
        TestClient b = ng("NOT-SERVING-ONION");
        TestClient other = TestClient.connect(server.port());
        live.track(other);
        a.send(687, other.nick + "!PUBLIC!orderbook");
        a.send(685, other.signedPrivmsg(b.nick, "fill", "1"));
        assertThat(b.silentFor(300)).isTrue();
        assertThat(server.metrics().rejectionsTotal(RejectReason.SPOOFED_NICK)).isEqualTo(2);
    }

    @Test
    void servesHealthJsonAndPrometheusMetricsOnLoopback() throws Exception {
        start();
        TestClient a = ng("127.0.0.1:40020");
        TestClient b = ng("NOT-SERVING-ONION");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.healthPort() + "/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode h = TestClient.JSON.readTree(health.body());
        assertThat(h.get("status").asText()).isEqualTo("healthy");
        assertThat(h.get("peers").asInt()).isEqualTo(2);
        assertThat(h.get("makers").asInt()).isEqualTo(1);
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.healthPort() + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body())
                .contains("jm_directory_peers{role=\"maker\"} 1")
                .contains("jm_directory_peers{role=\"taker\"} 1")
                .contains("jm_directory_handshakes_total{result=\"accepted\"} 2")
                .contains("jm_directory_rejections_total{reason=\"local_only_type\"} 0")
                .contains("# TYPE jm_directory_bans_total counter");
    }
}
