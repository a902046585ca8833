package jm.cli.demo;

import static jm.cli.testing.Cli.jm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import jm.cli.Main;
import jm.cli.testing.Cli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code jm demo} through the real command line: JSON summary, exit code, a kept-running market. */
class DemoCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void demoOverTorSaysHowToInstallTorWhenItIsMissing(@TempDir Path dir) {
        Run r = jm(jm.cli.common.CliContext.system().withBinaries(name -> name.equals("tor")
                ? java.util.Optional.empty() : java.util.Optional.of(Path.of("/usr/bin/" + name))),
                "demo", "--tor", "--data-dir", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("jm demo --tor needs Tor, but tor is not installed", "apt-get install tor");
        assertThat(dir.resolve("demo")).doesNotExist(); // nothing started

        r = jm(jm.cli.common.CliContext.system().withBinaries(name -> name.equals("tor-gencert")
                ? java.util.Optional.empty() : java.util.Optional.of(Path.of("/usr/sbin/" + name))),
                "demo", "--tor", "--data-dir", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("tor-gencert is not installed");
    }

    /**
     * {@code jm demo --tor --keep-running}: three CoinJoins over the private Tor network, the
     * printed Tor ports, and a {@code jm taker coinjoin} run with {@code --data-dir} that joins
     * through the taker's Tor (the config's [tor] section) and the directory's onion.
     */
    @Test
    @Timeout(400)
    void runsThreeCoinJoinsOverTorAndATakerJoinsThroughThePrintedTorPorts(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(jm.demo.tor.PrivateTorNetwork.available(),
                "tor is not installed");
        List<Run> during = new ArrayList<>();
        var kept = jm.cli.testing.Cli.stopOnceStarted(DemoCommand.KeptRunning.class, running -> {
            var market = running.market();
            market.mine(5); // the taker's fresh coins need 5 confirmations for a PoDLE commitment
            during.add(jm("taker", "coinjoin", "--data-dir", market.root().toString(), "-w", "taker",
                    "--password-file", market.passwordFile().toString(), "--amount", "1000000", "-m", "1",
                    "-N", "2", "-y", "--json"));
        });
        Run r = jm(kept, "demo", "--tor", "--makers", "2", "--json", "--keep-running", "--data-dir", dir.toString());

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode summary = JSON.readTree(r.out());
        assertThat(summary.get("success").asBoolean()).as(r.err()).isTrue();
        assertThat(summary.get("coinjoins")).hasSize(3);
        for (JsonNode cj : summary.get("coinjoins")) {
            assertThat(cj.get("confirmations").asInt()).as(cj.toString()).isGreaterThanOrEqualTo(1);
            assertThat(cj.get("fill_to_broadcast_ms").asLong()).isPositive();
        }
        String directory = summary.get("directory").asText();
        assertThat(directory).matches("[a-z2-7]{56}\\.onion:5222");
        for (JsonNode m : summary.get("makers")) {
            assertThat(m.get("location").asText()).matches("[a-z2-7]{56}\\.onion:5222");
            assertThat(r.err()).contains(m.get("location").asText());
        }
        JsonNode tor = summary.get("tor");
        assertThat(tor.get("bootstrap_ms").asLong()).isPositive();
        assertThat(r.err()).contains(directory, "taker's Tor:   SOCKS " + tor.get("taker_socks").asText(),
                "control port " + tor.get("maker_control").asText(), "Tor: network bootstrap");
        Path root = Path.of(summary.get("data_dir").asText());
        assertThat(root.resolve("directory").resolve("onion_service_key")).exists();
        assertThat(Files.readString(root.resolve("config.toml"))).contains(directory,
                "socks_port = " + tor.get("taker_socks").asText().split(":")[1]);

        assertThat(during).hasSize(1);
        Run coinjoin = during.get(0);
        assertThat(coinjoin.code()).as(coinjoin.out() + coinjoin.err()).isZero();
        JsonNode cj = JSON.readTree(coinjoin.out());
        assertThat(cj.get("success").asBoolean()).isTrue();
        assertThat(cj.get("maker_fees")).hasSize(2);
    }

    /** The watcher's JSON once it lists offers of {@code makers} makers and one bond, polled up to 60 s. */
    static JsonNode watcherJson(java.net.URI url, int makers) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String body = http.send(java.net.http.HttpRequest.newBuilder(url.resolve("orderbook.json")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            JsonNode j = JSON.readTree(body);
            java.util.Set<String> seen = new java.util.HashSet<>();
            j.get("offers").forEach(o -> seen.add(o.get("counterparty").asText()));
            if (seen.size() == makers && j.get("fidelitybonds").size() == 1) {
                return j;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the demo's orderbook watcher never showed " + makers + " makers: " + j);
            }
            Thread.sleep(100); // polling interval of this bounded await
        }
    }

    @Test
    void rejectsAMakerCountOutsideItsRange() {
        Run r = jm("demo", "--makers", "0");
        assertThat(r.code()).isEqualTo(jm.cli.common.CommandRun.CONFIG_ERROR);
        assertThat(r.err()).contains("--makers must be 1..");
    }

    @Test
    void theTopLevelHelpListsEveryCommandIncludingDemo() {
        Run r = jm("--help");
        assertThat(r.code()).isZero();
        java.util.Set<String> commands = new CommandLine(new Main()).getSubcommands().keySet();
        assertThat(commands).contains("demo", "wallet", "maker", "taker", "directory", "regtest-node");
        for (String c : commands) {
            assertThat(r.out()).contains("  " + c + " ");
        }
    }

    /**
     * The whole demo with two makers, kept running: the JSON summary is the only thing on stdout,
     * and the printed way to reach the market works: {@code jm wallet info}, {@code jm regtest mine}
     * and {@code jm taker coinjoin} with {@code --data-dir <demo dir>} use its node and directory.
     */
    @Test
    @Timeout(150)
    void runsThreeCoinJoinsAndLeavesAMarketTheOtherCommandsCanUse(@TempDir Path dir) throws Exception {
        List<Run> during = new ArrayList<>();
        AtomicReference<Long> takerTotal = new AtomicReference<>();
        AtomicReference<JsonNode> orderbook = new AtomicReference<>();
        AtomicReference<java.net.URI> watcherUrl = new AtomicReference<>();
        AtomicReference<String> daemonUrl = new AtomicReference<>();
        AtomicReference<JsonNode> daemonInfo = new AtomicReference<>();
        AtomicReference<JsonNode> daemonWallets = new AtomicReference<>();
        var kept = jm.cli.testing.Cli.stopOnceStarted(DemoCommand.KeptRunning.class, running -> {
            var market = running.market();
            String root = market.root().toString();
            String pw = market.passwordFile().toString();
            takerTotal.set(market.takerWallet().balances().stream().mapToLong(b -> b.total().value()).sum());
            watcherUrl.set(running.watcherUrl());
            orderbook.set(watcherJson(watcherUrl.get(), 2));
            daemonUrl.set(running.daemonUrl().orElseThrow());
            var https = java.net.http.HttpClient.newBuilder()
                    .sslContext(jm.daemon.TlsFiles.clientContext(market.root())).build();
            daemonInfo.set(JSON.readTree(https.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(daemonUrl.get() + "/getinfo")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body()));
            daemonWallets.set(JSON.readTree(https.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(daemonUrl.get() + "/wallet/all")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body()));
            during.add(jm("wallet", "info", "--json", "--data-dir", root, "-w", "taker", "--password-file", pw));
            during.add(jm("regtest", "mine", "5", "--data-dir", root, "--rpc-url", market.rpcUrl().toString()));
            during.add(jm("taker", "coinjoin", "--data-dir", root, "-w", "taker", "--password-file", pw,
                    "--amount", "1000000", "-m", "1", "-N", "2", "-y", "--json"));
        });
        Run r = jm(kept, "demo", "--makers", "2", "--json", "--keep-running", "--daemon", "--daemon-port", "0",
                "--data-dir", dir.toString());

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode summary = JSON.readTree(r.out());
        assertThat(summary.get("success").asBoolean()).isTrue();
        assertThat(summary.get("coinjoins")).hasSize(3);
        for (JsonNode cj : summary.get("coinjoins")) {
            assertThat(cj.get("success").asBoolean()).as(cj.toString()).isTrue();
            assertThat(cj.get("txid").asText()).hasSize(64);
            assertThat(cj.get("confirmations").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(cj.get("makers")).hasSize(2);
            assertThat(cj.get("equal_outputs").asInt()).isEqualTo(3);
        }
        assertThat(summary.get("coinjoins").get(1).get("route").asText()).isEqualTo("relayed");
        JsonNode bond = summary.get("bond");
        assertThat(bond.get("locktime").asLong() - bond.get("created_at").asLong()).isBetween(1L, 6_000L);
        assertThat(bond.get("value").asDouble()).isPositive();
        JsonNode spent = summary.get("bond_spend");
        assertThat(spent.get("locktime").asLong()).isEqualTo(bond.get("locktime").asLong());
        assertThat(spent.get("median_time_past").asLong()).isGreaterThan(bond.get("locktime").asLong());
        assertThat(spent.get("confirmations").asInt()).isPositive();
        assertThat(r.err()).contains("bond spent after expiry: " + spent.get("txid").asText());
        Path root = Path.of(summary.get("data_dir").asText());
        assertThat(root.startsWith(dir.resolve("demo"))).isTrue();
        assertThat(Files.readString(root.resolve("config.toml"))).contains(summary.get("rpc_url").asText(),
                summary.get("directory").asText());
        var ownerOnly = java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        assertThat(Files.getPosixFilePermissions(root.resolve("config.toml"))).isEqualTo(ownerOnly);
        assertThat(Files.getPosixFilePermissions(root.resolve("demo-password.txt"))).isEqualTo(ownerOnly);
        assertThat(r.err()).contains("The market keeps running", "jm wallet info --data-dir " + root,
                "orderbook:     " + watcherUrl.get());
        // --daemon: the wallet daemon on the kept market, at the printed URL, with the demo's wallets
        assertThat(daemonUrl.get()).startsWith("https://127.0.0.1:").endsWith("/api/v1");
        assertThat(r.err()).contains("wallet daemon: " + daemonUrl.get(), "Point Jam at it", "taker.jmdat");
        assertThat(daemonInfo.get().get("version").asText()).isEqualTo(jm.daemon.WalletDaemon.API_VERSION);
        assertThat(daemonWallets.get().get("wallets").toString()).contains("taker.jmdat", "maker1.jmdat");
        assertThat(orderbook.get().get("fidelitybonds").get(0).get("counterparty").asText())
                .isEqualTo(summary.get("makers").get(0).get("nick").asText());

        assertThat(during).hasSize(3);
        Run info = during.get(0);
        assertThat(info.code()).as(info.err()).isZero();
        assertThat(JSON.readTree(info.out()).get("total").asLong()).isEqualTo(takerTotal.get());
        assertThat(during.get(1).code()).as(during.get(1).err()).isZero();
        Run coinjoin = during.get(2);
        assertThat(coinjoin.code()).as(coinjoin.out() + coinjoin.err()).isZero();
        JsonNode cj = JSON.readTree(coinjoin.out());
        assertThat(cj.get("success").asBoolean()).isTrue();
        assertThat(cj.get("maker_fees")).hasSize(2);
    }
}
