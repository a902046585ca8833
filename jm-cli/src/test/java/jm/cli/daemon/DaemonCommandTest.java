package jm.cli.daemon;

import static jm.cli.testing.Cli.jm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import jm.daemon.TlsFiles;
import jm.directory.server.DirectoryServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import jm.cli.testing.Cli;
import jm.cli.testing.Fixtures;

/** {@code jm daemon} through the real command line: HTTPS with its own certificate, the orderbook proxy. */
class DaemonCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void helpNamesThePortsAndTheCertificate() {
        var r = jm("daemon", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("28183", "28283", "--no-tls", "cert.pem", "Ctrl-C");
    }

    @Test
    @Timeout(90)
    void servesTheApiOverHttpsAndTheOrderbookOfTheConfiguredDirectory(@TempDir Path dir) throws Exception {
        try (DirectoryServer directory = Fixtures.localDirectory("regtest")) {
            AtomicReference<JsonNode> info = new AtomicReference<>();
            AtomicReference<JsonNode> book = new AtomicReference<>();
            AtomicReference<JsonNode> wallets = new AtomicReference<>();
            var whileRunning = Cli.stopOnceStarted(jm.daemon.DaemonServer.class, server -> {
                HttpClient http = HttpClient.newBuilder().sslContext(TlsFiles.clientContext(dir)).build();
                String base = "https://127.0.0.1:" + server.port();
                info.set(get(http, base + "/api/v1/getinfo"));
                wallets.set(get(http, base + "/api/v1/wallet/all"));
                book.set(get(http, base + "/obwatch/orderbook.json"));
            });
            var r = jm(whileRunning,
                    "daemon", "--data-dir", dir.toString(), "--network", "regtest", "--directory",
                    "127.0.0.1:" + directory.port(), "--socks5", "none", "--port", "0", "--ws-port", "0");
            assertThat(r.code()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("wallet daemon: https://127.0.0.1:", "stopping");
            assertThat(info.get().get("version").asText()).isNotEmpty();
            assertThat(wallets.get().get("wallets")).isEmpty();
            assertThat(book.get().get("offers")).isEmpty();
            assertThat(Files.exists(TlsFiles.keyFile(dir))).isTrue();
        }
    }

    private static JsonNode get(HttpClient http, String url) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(url + " " + res.body()).isEqualTo(200);
        return JSON.readTree(res.body());
    }
}
