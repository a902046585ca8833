package jm.cli.obwatch;

import static jm.cli.testing.Cli.jm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import jm.cli.Main;
import jm.cli.testing.Cli.Run;
import jm.directory.server.DirectoryServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import jm.cli.testing.Cli;
import jm.cli.testing.Fixtures;

/** {@code jm obwatch} through the real command line. */
class ObwatchCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void helpDocumentsEveryOption() {
        Run r = jm("obwatch", "--help");
        assertThat(r.code()).isZero();
        CommandLine obwatch = Main.commandLine(jm.cli.common.CliContext.system()).getSubcommands().get("obwatch");
        for (OptionSpec o : obwatch.getCommandSpec().options()) {
            assertThat(r.out()).as("--help lists %s", o.longestName()).contains(o.longestName());
            assertThat(o.description()).as("%s is described in one piece that picocli wraps", o.longestName())
                    .singleElement().satisfies(d -> assertThat(d.strip()).endsWith("."));
        }
        assertThat(r.out()).contains("/orderbook.json", "/metrics", "/refreshorderbook", "62601", "Ctrl-C");
        for (String line : r.out().split("\n")) {
            assertThat(line.length()).as("fits 80 columns: %s", line).isLessThanOrEqualTo(80);
        }
    }

    @Test
    @Timeout(60)
    void servesTheOrderbookOfTheConfiguredDirectoryUntilStopped(@TempDir Path dir) throws Exception {
        try (DirectoryServer directory = Fixtures.localDirectory("regtest")) {
            AtomicReference<JsonNode> json = new AtomicReference<>();
            AtomicReference<String> metrics = new AtomicReference<>();
            var whileRunning = Cli.stopOnceStarted(jm.orderbook.app.Obwatch.class, obwatch -> {
                HttpClient http = HttpClient.newHttpClient();
                json.set(JSON.readTree(http.send(HttpRequest.newBuilder(obwatch.url().resolve("orderbook.json"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body()));
                metrics.set(http.send(HttpRequest.newBuilder(obwatch.url().resolve("metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
            });
            String d = "127.0.0.1:" + directory.port();
            Run r = jm(whileRunning,
                    "obwatch", "--data-dir", dir.toString(), "--network", "regtest", "--directory", d,
                    "--socks5", "none", "--no-chain", "--port", "0");
            assertThat(r.code()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("orderbook watcher: http://127.0.0.1:", "directory connected",
                    "not verified (--no-chain)", "stopping");
            assertThat(json.get().get("offers")).isEmpty();
            assertThat(json.get().get("fidelitybonds")).isEmpty();
            assertThat(json.get().get("directory_stats").get(d).get("connected").asBoolean()).isTrue();
            assertThat(metrics.get()).contains("jm_obwatch_directory_connected{directory=\"" + d + "\"} 1");
        }
    }

    @Test
    void aTakenPortIsAClearError(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Run r = jm("obwatch", "--data-dir", dir.toString(), "--network", "regtest", "--directory",
                    "127.0.0.1:9", "--socks5", "none", "--no-chain", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("error: cannot listen on 127.0.0.1:" + taken.getLocalPort(), "--port");
        }
    }

    @Test
    void anUnreachableNodeIsAClearErrorNamingTheWayOut(@TempDir Path dir) {
        Run r = jm("obwatch", "--data-dir", dir.toString(), "--network", "regtest", "--directory", "127.0.0.1:9",
                "--socks5", "none", "--rpc-url", "http://127.0.0.1:1/", "--rpc-cookie", dir.resolve("none").toString(),
                "--port", "0");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("error: ", "--no-chain");
    }

    @Test
    void badNumbersAreRejected(@TempDir Path dir) {
        Run r = jm("obwatch", "--data-dir", dir.toString(), "--directory", "127.0.0.1:9", "--refresh-interval", "1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--refresh-interval must be 10..86400");
        Run p = jm("obwatch", "--data-dir", dir.toString(), "--directory", "127.0.0.1:9", "--port", "70000");
        assertThat(p.err()).contains("--port must be 0..65535");
    }
}
