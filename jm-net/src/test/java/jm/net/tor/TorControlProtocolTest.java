package jm.net.tor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Control-protocol details against a scripted fake control port (no tor needed). */
class TorControlProtocolTest {
    private static final String ID = "a".repeat(56);

    /** Serves one connection: answers by command word from the script, records the lines. */
    private static final class FakeControlPort implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> done;

        FakeControlPort(Map<String, String> script) throws Exception {
            done = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept();
                        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                                StandardCharsets.UTF_8))) {
                    OutputStream out = s.getOutputStream();
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                        String word = line.split(" ", 2)[0];
                        out.write(script.getOrDefault(word, "510 Unrecognized command\r\n")
                                .getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                } catch (Exception e) {
                    // connection closed
                }
            });
        }

        InetSocketAddress address() {
            return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
        }
    }

    private static String protocolInfo(String version) {
        return "250-PROTOCOLINFO 1\r\n250-AUTH METHODS=NULL\r\n250-VERSION Tor=\"" + version + "\"\r\n250 OK\r\n";
    }

    private static final String ADD_ONION_OK = "250-ServiceID=" + ID + "\r\n250 OK\r\n";

    private String addOnionLineFor(String version) throws Exception {
        try (FakeControlPort port = new FakeControlPort(Map.of("PROTOCOLINFO", protocolInfo(version),
                "AUTHENTICATE", "250 OK\r\n", "ADD_ONION", ADD_ONION_OK, "DEL_ONION", "250 OK\r\n"));
                TorControlClient c = TorControlClient.connect(port.address(), Duration.ofSeconds(5),
                        new SecureRandom())) {
            c.authenticate(new TorAuth.Auto(Optional.empty(), Optional.empty()));
            OnionService s = c.addOnion(OnionRequest.ephemeral(new InetSocketAddress("127.0.0.1", 4000))
                    .withPow(new OnionRequest.PowDefense(100, 500)));
            assertThat(s.serviceId()).isEqualTo(ID);
            String line;
            do {
                line = port.lines.poll(5, TimeUnit.SECONDS);
            } while (line != null && !line.startsWith("ADD_ONION"));
            return line;
        }
    }

    @Test
    void sendsPowParametersOnlyToTorVersionsThatSupportThem() throws Exception {
        assertThat(addOnionLineFor("0.4.9.2-alpha"))
                .isEqualTo("ADD_ONION NEW:ED25519-V3 Flags=DiscardPK PoWDefensesEnabled=1 PoWQueueRate=100"
                        + " PoWQueueBurst=500 Port=5222,127.0.0.1:4000");
        assertThat(addOnionLineFor("0.4.8.16")).isEqualTo("ADD_ONION NEW:ED25519-V3 Flags=DiscardPK Port=5222,127.0.0.1:4000");
    }

    @Test
    void deletesItsServicesWhenClosed() throws Exception {
        try (FakeControlPort port = new FakeControlPort(Map.of("PROTOCOLINFO", protocolInfo("0.4.9.11"),
                "AUTHENTICATE", "250 OK\r\n", "ADD_ONION", ADD_ONION_OK, "DEL_ONION", "250 OK\r\n"))) {
            TorControlClient c = TorControlClient.connect(port.address(), Duration.ofSeconds(5), new SecureRandom());
            c.authenticate(new TorAuth.None());
            c.addOnion(OnionRequest.ephemeral(new InetSocketAddress("127.0.0.1", 4000)));
            c.close();
            port.done.get(5, TimeUnit.SECONDS);
            assertThat(List.copyOf(port.lines)).last().isEqualTo("DEL_ONION " + ID);
        }
    }

    @Test
    void parsesQuotedCookiePathsWithEscapes() {
        Map<String, String> kv = TorControlClient.parseKeyValues(
                "METHODS=COOKIE,SAFECOOKIE COOKIEFILE=\"/tmp/a \\\"dir\\\"/control_auth_cookie\"");
        assertThat(kv).containsEntry("METHODS", "COOKIE,SAFECOOKIE")
                .containsEntry("COOKIEFILE", "/tmp/a \"dir\"/control_auth_cookie");
    }

    @Test
    void quotesPasswordsForAuthenticate() {
        assertThat(TorControlClient.quote("pa\"ss\\word")).isEqualTo("\"pa\\\"ss\\\\word\"");
    }

    @Test
    void comparesTorVersionsNumerically() {
        assertThat(TorVersion.parse("0.4.10.1").atLeast(TorVersion.parse("0.4.9.2"))).isTrue();
        assertThat(TorVersion.parse("0.4.9.1-alpha").atLeast(TorVersion.ADD_ONION_POW)).isFalse();
        assertThat(TorVersion.parse("garbage")).isEqualTo(new TorVersion(0, 0, 0, 0));
    }

    @Test
    void reportsTheStatusOfARefusedCommand() throws Exception {
        try (FakeControlPort port = new FakeControlPort(Map.of("PROTOCOLINFO", protocolInfo("0.4.9.11"),
                "AUTHENTICATE", "515 Authentication failed: Wrong length on authentication cookie.\r\n"));
                TorControlClient c = TorControlClient.connect(port.address(), Duration.ofSeconds(5),
                        new SecureRandom())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.authenticate(new TorAuth.None()))
                    .isInstanceOf(TorControlException.class)
                    .satisfies(e -> assertThat(((TorControlException) e).status()).isEqualTo(515));
        }
    }
}
