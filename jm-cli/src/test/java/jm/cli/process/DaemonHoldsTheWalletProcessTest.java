package jm.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jm.chain.regtest.RegtestNode;
import jm.cli.testing.Cli;
import jm.wallet.Wallet;
import jm.wallet.WalletStorage;
import jm.wallet.keys.Passphrase;
import jm.wallet.store.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import jm.cli.testing.Fixtures;

/**
 * A real {@code jm daemon} process holding an unlocked wallet (issue 19, wallet lock rule): a CLI
 * writer on that wallet is refused naming the daemon and its pid; after lock it can open it; the
 * daemon ended by SIGTERM while a wallet is unlocked releases the wallet.
 */
@Timeout(180)
class DaemonHoldsTheWalletProcessTest {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aCliWriterIsRefusedWhileTheDaemonHoldsTheWalletAndWorksAfterLockAndShutdown() throws Exception {
        try (RegtestNode node = RegtestNode.start(dir.resolve("node"), 0)) {
            holdAndRelease(node);
        }
    }

    private void holdAndRelease(RegtestNode node) throws Exception {
        Path data = dir.resolve("data");
        Files.writeString(dir.resolve("pw"), "pw\n");
        WalletStorage storage = WalletStorage.inDataDir(data);
        Fixtures.regtestWallet(data, "w").close();
        try (JmProcess daemon = JmProcess.start(dir.resolve("logs"), Map.of("JM_LOG_LEVEL", "WARN"), "daemon",
                "--data-dir", data.toString(), "--network", "regtest", "--no-tls", "--port", "0", "--ws-port", "-1",
                "--no-obwatch", "--directory", "127.0.0.1:9", "--socks5", "none", // no maker here
                "--rpc-url", node.rpcUrl().toString(), "--rpc-cookie", node.cookieFile().toString())) {
            refusedWhileHeld(daemon, storage, data);
        }
    }

    private void refusedWhileHeld(JmProcess daemon, WalletStorage storage, Path data) throws Exception {
        daemon.awaitOutput("press Ctrl-C to stop", WAIT);
        Matcher m = Pattern.compile("wallet daemon: (http://127\\.0\\.0\\.1:\\d+/api/v1)").matcher(daemon.stdout());
        assertThat(m.find()).as(daemon.stdout()).isTrue();
        String api = m.group(1);
        HttpClient http = HttpClient.newHttpClient();

        String token = unlock(http, api);
        var refused = freeze(data);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("wallet 'w' is in use by jm daemon (pid " + daemon.pid() + ")");

        HttpResponse<String> lock = http.send(HttpRequest.newBuilder(URI.create(api + "/wallet/w.jmdat/lock"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(lock.statusCode()).as(lock.body()).isEqualTo(200);
        open(storage).close();

        // held again, then SIGTERM: the shutdown hook locks the wallet before the process ends
        unlock(http, api);
        assertThat(freeze(data).err()).contains("in use by jm daemon");
        assertThat(daemon.terminate(WAIT)).isIn(0, JmProcess.SIGTERM_EXIT);
        open(storage).close();
    }

    /** A writing {@code jm} command (it takes the wallet's lock before looking at the coin). */
    private Cli.Run freeze(Path data) {
        return Cli.jm("wallet", "freeze", "00".repeat(32) + ":0", "--data-dir", data.toString(), "-w", "w",
                "--password-file", dir.resolve("pw").toString());
    }

    private static String unlock(HttpClient http, String api) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/wallet/w.jmdat/unlock"))
                .header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"pw\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        return body.get("token").asText();
    }

    private static Wallet open(WalletStorage storage) {
        try (Password pw = Password.of("pw")) {
            return Wallet.open(storage, "w", pw, Passphrase.NONE, 20, Clock.systemUTC());
        }
    }
}
