package jm.directory.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import jm.core.crypto.NickKey;
import jm.core.wire.NickAuth;
import jm.directory.config.DirectoryConfig;
import jm.directory.config.NickAuthMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The directory side of JMP-0005 as NG clients speak it: challenge after an accepted handshake,
 * proof checked against the exact handshake line, verified reconnects replacing a stale holder of
 * the nick, squatters and unverified reconnects refused, {@code require_verified} enforced.
 */
class NickAuthDirectoryTest {
    static final String NICK_AUTH_FEATURES = "{\"nick_auth\": true, \"peerlist_features\": true, \"ping\": true}";
    final SecureRandom random = new SecureRandom();
    final List<AutoCloseable> toClose = new ArrayList<>();
    DirectoryServer server;

    @BeforeEach
    void start() throws Exception {
        server = DirectoryServer.start(DirectoryConfig.localDefaults("regtest").host("127.0.0.1").port(0)
                .healthCheckPort(-1).build(), NickKey.random(random).nick(), TimeSource.SYSTEM);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        server.close();
    }

    TestClient client(NickKey key, String nick) throws IOException {
        TestClient c = TestClient.connect(server.port(), key, nick);
        toClose.add(c);
        return c;
    }

    String directoryId() {
        return "127.0.0.1:" + server.port();
    }

    /** Handshakes with nick_auth and answers the challenge signing with {@code signer}; returns the 807 line. */
    JsonNode verifiedHandshake(TestClient c, NickKey signer) throws Exception {
        String line = TestClient.handshakeLine(c.nick, "NOT-SERVING-ONION", "regtest", NICK_AUTH_FEATURES);
        c.send(793, line);
        JsonNode dn = TestClient.JSON.readTree(c.readType(795).orElseThrow().get("line").asText());
        assertThat(dn.get("accepted").asBoolean()).isTrue();
        assertThat(dn.get("features").get("nick_auth").asBoolean()).isTrue();
        NickAuth.Challenge challenge = NickAuth.Challenge.parse(c.readType(803).orElseThrow().get("line").asText());
        assertThat(challenge.directoryId()).isEqualTo(directoryId());
        c.send(805, NickAuth.Proof.create(signer, challenge, line).toJson());
        return TestClient.JSON.readTree(c.readType(807).orElseThrow().get("line").asText());
    }

    @Test
    void verifiesTheProofOfAClientAdvertisingNickAuth() throws Exception {
        NickKey k = NickKey.random(random);
        JsonNode result = verifiedHandshake(client(k, k.nick().value()), k);
        assertThat(result.get("code").asText()).isEqualTo("ok");
        assertThat(result.get("verified").asBoolean()).isTrue();
        assertThat(server.node().registry().get(k.nick().value()).verifiedPubKey()).isEqualTo(k.pubKeyHex());
    }

    @Test
    void aVerifiedReconnectReplacesAStaleHolderButNeitherAnUnverifiedOneNorASquatter() throws Exception {
        NickKey k = NickKey.random(random);
        String nick = k.nick().value();
        TestClient stale = client(k, nick);
        assertThat(stale.handshakeNg("NOT-SERVING-ONION").get("accepted").asBoolean()).isTrue();

        // first-come holds the nick against a reconnect that proves nothing
        TestClient unverified = client(k, nick);
        assertThat(unverified.handshakeNg("NOT-SERVING-ONION").get("accepted").asBoolean()).isFalse();
        assertThat(unverified.closedByServer()).isTrue();

        // someone who merely knows the nick cannot prove it
        TestClient squatter = client(NickKey.random(random), nick);
        JsonNode denied = verifiedHandshake(squatter, squatter.key);
        assertThat(denied.get("code").asText()).isEqualTo("invalid");
        assertThat(denied.get("verified").asBoolean()).isFalse();
        assertThat(squatter.closedByServer()).isTrue();
        assertThat(server.node().registry().get(nick).channel().isActive()).isTrue();
        assertThat(server.node().registry().get(nick).verifiedPubKey()).isNull();

        // the owner's verified reconnect takes the nick over at once
        TestClient owner = client(k, nick);
        assertThat(verifiedHandshake(owner, k).get("code").asText()).isEqualTo("ok");
        assertThat(stale.closedByServer()).isTrue();
        assertThat(server.node().registry().get(nick).verifiedPubKey()).isEqualTo(k.pubKeyHex());
        assertThat(server.node().registry().size()).isEqualTo(1);

        // and it is reachable: a message to the nick arrives on the new connection
        NickKey other = NickKey.random(random);
        TestClient sender = client(other, other.nick().value());
        sender.handshakeNg("NOT-SERVING-ONION");
        sender.send(685, sender.signedPrivmsg(nick, "hello", "x"));
        assertThat(owner.readType(685).orElseThrow().get("line").asText()).startsWith(other.nick() + "!" + nick);
    }

    @Test
    void requireVerifiedRefusesClientsWithoutNickAuthAndAcceptsVerifiedOnes() throws Exception {
        server.node().nickAuth(NickAuthMode.REQUIRE_VERIFIED, directoryId());
        NickKey legacy = NickKey.random(random);
        JsonNode refused = client(legacy, legacy.nick().value()).handshakeNg("NOT-SERVING-ONION");
        assertThat(refused.get("accepted").asBoolean()).isFalse();
        assertThat(refused.get("motd").asText()).contains("verified nick authentication required");
        NickKey k = NickKey.random(random);
        assertThat(verifiedHandshake(client(k, k.nick().value()), k).get("code").asText()).isEqualTo("ok");
    }

    @Test
    void disabledNeitherAdvertisesNorChallenges() throws Exception {
        server.node().nickAuth(NickAuthMode.DISABLED, directoryId());
        NickKey k = NickKey.random(random);
        TestClient c = client(k, k.nick().value());
        JsonNode dn = c.handshake("NOT-SERVING-ONION", "regtest", NICK_AUTH_FEATURES);
        assertThat(dn.get("accepted").asBoolean()).isTrue();
        assertThat(dn.get("features").has("nick_auth")).isFalse();
        assertThat(c.silentFor(300)).isTrue();
    }

    @Test
    void closesOnAMalformedProofAndOnNickAuthMessagesAfterTheHandshake() throws Exception {
        NickKey k = NickKey.random(random);
        TestClient c = client(k, k.nick().value());
        c.send(793, TestClient.handshakeLine(c.nick, "NOT-SERVING-ONION", "regtest", NICK_AUTH_FEATURES));
        c.readType(803).orElseThrow();
        c.send(805, "{\"pubkey\":\"nope\"}");
        assertThat(TestClient.JSON.readTree(c.readType(807).orElseThrow().get("line").asText()).get("code").asText())
                .isEqualTo("malformed");
        assertThat(c.closedByServer()).isTrue();

        TestClient plain = client(NickKey.random(random), NickKey.random(random).nick().value());
        plain.handshakeNg("NOT-SERVING-ONION");
        plain.send(805, "{}");
        assertThat(plain.closedByServer()).isTrue();
    }
}
