package jm.directory.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jm.core.crypto.NickKey;
import jm.directory.config.DirectoryConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Thousands of makers leave at once: notices are batched, newcomers still get in quickly. */
@Timeout(60)
class ChurnTest {
    private static final int LEAVERS = 1_500;
    private final List<TestClient> clients = new ArrayList<>();
    private DirectoryServer server;

    @AfterEach
    void tearDown() throws Exception {
        for (TestClient c : clients) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A cheap well-formed nick (these peers never sign). */
    private static String nick(int i) {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        StringBuilder sb = new StringBuilder("J5");
        int v = i;
        for (int k = 0; k < 14; k++) {
            sb.append(alphabet.charAt(v % 58));
            v /= 58;
        }
        return sb.toString();
    }

    @Test
    void massDepartureIsAnnouncedInFewBatchedLinesAndNewcomersStillJoinWithinASecond() throws Exception {
        server = DirectoryServer.start(DirectoryConfig.localDefaults("regtest").host("127.0.0.1").port(0)
                .healthCheckPort(-1).build(), NickKey.random(new SecureRandom()).nick(), TimeSource.SYSTEM);
        TestClient watcher = TestClient.connect(server.port());
        clients.add(watcher);
        watcher.handshakeReference("NOT-SERVING-ONION");
        List<TestClient> leavers = new ArrayList<>();
        for (int i = 0; i < LEAVERS; i++) {
            TestClient c = TestClient.connect(server.port(), null, nick(i));
            clients.add(c);
            leavers.add(c);
            c.send(793, TestClient.handshakeLine(c.nick, "127.0.0.1:" + (20_000 + i), "regtest", "{}"));
        }
        for (TestClient c : leavers) {
            JsonNode env = c.readType(795).orElseThrow();
            assertThat(TestClient.JSON.readTree(env.get("line").asText()).get("accepted").asBoolean()).isTrue();
        }
        assertThat(server.node().registry().size()).isEqualTo(LEAVERS + 1);

        for (TestClient c : leavers) {
            c.close();
        }
        long t0 = System.nanoTime();
        TestClient newcomer = TestClient.connect(server.port());
        clients.add(newcomer);
        JsonNode dn = newcomer.handshakeNg("NOT-SERVING-ONION");
        long joinMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(dn.get("accepted").asBoolean()).isTrue();
        assertThat(joinMillis).isLessThan(1_000);

        Set<String> departed = new HashSet<>();
        int lines = 0;
        while (departed.size() < LEAVERS) {
            Optional<JsonNode> e = watcher.readType(789);
            assertThat(e).isPresent();
            lines++;
            for (String entry : e.get().get("line").asText().split(",")) {
                assertThat(entry).endsWith(";D");
                departed.add(entry.substring(0, entry.indexOf(';')));
            }
        }
        assertThat(departed).hasSize(LEAVERS);
        // batched: 1,500 notices in a handful of envelopes, not one envelope per leaver
        assertThat(lines).isLessThan(LEAVERS / 20);
        assertThat(server.node().registry().size()).isEqualTo(2);
    }

    @SuppressWarnings("unused")
    private static void ignore(IOException e) {
    }
}
