package jm.directory.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.List;
import jm.core.crypto.NickKey;
import jm.core.wire.DirectoryHandshake;
import jm.core.wire.Envelope;
import jm.core.wire.Features;
import jm.core.wire.Handshake;
import jm.core.wire.NotServing;
import jm.core.wire.Peerlist;
import jm.core.wire.PeerlistEntry;
import jm.core.wire.RawPrivMsg;
import jm.core.wire.TcpLocation;
import jm.directory.config.DirectoryConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the directory sends parses with jm-core's wire types, and what core builds is accepted. */
@Timeout(30)
class CoreCompatibilityTest {
    private DirectoryServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void coreBuiltPeersHandshakeRelayAndReadPeerlistsWithCoreParsers() throws Exception {
        NickKey dirKey = NickKey.random(new SecureRandom());
        server = DirectoryServer.start(DirectoryConfig.localDefaults("regtest").port(0).healthCheckPort(-1)
                .motd("compat").build(), dirKey.nick(), TimeSource.SYSTEM);
        NickKey makerKey = NickKey.random(new SecureRandom());
        NickKey takerKey = NickKey.random(new SecureRandom());
        try (TestClient maker = TestClient.connect(server.port(), makerKey, makerKey.nick().value());
             TestClient taker = TestClient.connect(server.port(), takerKey, takerKey.nick().value())) {
            Features ng = Features.of(Features.PEERLIST_FEATURES, Features.PING);
            maker.sendRaw(new Envelope(793, Handshake.client(makerKey.nick(), new TcpLocation("127.0.0.1", 45_000),
                    "regtest", Features.NONE).toLineJson()).toJson() + "\r\n");
            taker.sendRaw(new Envelope(793, Handshake.client(takerKey.nick(), NotServing.INSTANCE, "regtest", ng)
                    .toLineJson()).toJson() + "\r\n");
            JsonNode dnEnv = taker.readType(795).orElseThrow();
            maker.readType(795).orElseThrow();
            String dnLine = dnEnv.get("line").asText();
            DirectoryHandshake dn = DirectoryHandshake.parse(dnLine);
            assertThat(dn.accepted()).isTrue();
            assertThat(dn.nick()).isEqualTo(dirKey.nick());
            assertThat(dn.features().has(Features.PEERLIST_FEATURES)).isTrue();
            // byte-identical to what jm-core would produce for the same answer
            // (a local-mode directory knows its id, so it also advertises nick_auth)
            assertThat(dnLine).isEqualTo(DirectoryHandshake.of(dirKey.nick(), "regtest",
                    Features.of(Features.NICK_AUTH, Features.PEERLIST_FEATURES, Features.PING), true, "compat")
                    .toLineJson());

            String line = RawPrivMsg.sign(makerKey, takerKey.nick(), "pubkey", "ab".repeat(32));
            maker.sendRaw(new Envelope(685, line).toJson() + "\r\n");
            JsonNode relayed = taker.readType(685).orElseThrow();
            RawPrivMsg raw = RawPrivMsg.parse(relayed.get("line").asText());
            assertThat(raw.from()).isEqualTo(makerKey.nick());
            raw.verify();
            List<PeerlistEntry> entries = Peerlist.parse(taker.readType(789).orElseThrow().get("line").asText());
            assertThat(entries).containsExactly(PeerlistEntry.available(makerKey.nick(),
                    new TcpLocation("127.0.0.1", 45_000), Features.NONE));

            taker.send(791, "");
            List<PeerlistEntry> all = Peerlist.parse(taker.readType(789).orElseThrow().get("line").asText());
            assertThat(all).extracting(PeerlistEntry::nick).containsExactly(makerKey.nick());

            maker.close();
            List<PeerlistEntry> gone = Peerlist.parse(taker.readType(789).orElseThrow().get("line").asText());
            assertThat(gone).singleElement().satisfies(e -> {
                assertThat(e.nick()).isEqualTo(makerKey.nick());
                assertThat(e.disconnected()).isTrue();
            });
        }
    }
}
