package jm.cli.taker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import jm.core.Nick;
import jm.core.Sats;
import jm.taker.session.CoinJoinReport;
import jm.taker.session.Phase;
import org.bitcoinj.base.Sha256Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CoinJoinCommandTest {

    /** The environment of the next {@link #run}. */
    Map<String, String> env = System.getenv();

    int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = jm.cli.Main.commandLine(jm.cli.common.CliContext.system().withEnv(env))
                ;
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(jm.cli.testing.Cli.prefixed("taker", args));
    }

    @Test
    void helpListsTheIssueOptions() {
        StringWriter out = new StringWriter();
        int rc = run(out, new StringWriter(), "coinjoin", "--help");
        assertThat(rc).isZero();
        assertThat(out.toString()).contains("--amount", "--mixdepth", "--destination", "--counterparties", "--yes",
                "--json", "--no-wait");
    }

    @Test
    void saysHowLongItWaitsForTheConfirmationAndThatCtrlCIsHarmless() {
        assertThat(CoinJoinCommand.confirmationNote(java.time.Duration.ofSeconds(1800))).get().asString()
                .contains("waiting up to 1800 s for the first confirmation", "Ctrl-C now only stops waiting",
                        "loses nothing", "--no-wait");
        assertThat(CoinJoinCommand.confirmationNote(java.time.Duration.ZERO)).isEmpty();
    }

    @Test
    void failsWithAClearErrorWhenTheWalletDoesNotExist(@TempDir Path dir) {
        env = Map.of("JM_WALLET_PASSWORD", "pw");
        StringWriter err = new StringWriter();
        int rc = run(new StringWriter(), err, "coinjoin", "--data-dir", dir.toString(), "--amount", "100000",
                "-m", "0", "--directory", "127.0.0.1:1", "--yes");
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: ").contains("wallet");
    }

    @Test
    void refusesFewerCounterpartiesThanMinimumMakersBeforeTouchingTheWalletOrNetwork(@TempDir Path dir) {
        env = Map.of("JM_WALLET_PASSWORD", "pw");
        StringWriter err = new StringWriter();
        // no wallet exists: an error about the wallet would mean the check came too late
        int rc = run(new StringWriter(), err, "coinjoin", "--data-dir", dir.toString(), "--amount", "100000",
                "-m", "0", "-N", "3", "--directory", "127.0.0.1:1", "--yes");
        assertThat(rc).isEqualTo(jm.cli.common.CommandRun.CONFIG_ERROR);
        assertThat(err.toString()).isEqualTo("error: -N/--counterparties 3 is below [taker] minimum_makers = 4 "
                + "(from default): ask for at least 4 makers, or lower minimum_makers" + System.lineSeparator());
    }

    @Test
    void rejectsADirectoryListThatDoesNotParseBeforeTouchingTheWalletOrNetwork(@TempDir Path dir) {
        env = Map.of("JM_WALLET_PASSWORD", "pw", "NETWORK__DIRECTORY_SERVERS", "nocolon");
        StringWriter err = new StringWriter();
        int rc = run(new StringWriter(), err, "coinjoin", "--data-dir", dir.toString(), "--amount", "100000",
                "-m", "0", "--yes");
        assertThat(rc).isEqualTo(jm.cli.common.CommandRun.CONFIG_ERROR);
        assertThat(err.toString()).startsWith("error: [network] directory_servers: 'nocolon' from environment "
                + "variable NETWORK__DIRECTORY_SERVERS has an entry 'nocolon' that is not HOST:PORT")
                .doesNotContain("wallet");
    }

    @Test
    void rejectsNegativeAmounts(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        int rc = run(new StringWriter(), err, "coinjoin", "--data-dir", dir.toString(), "--amount", "-5", "-m", "0");
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString()).contains("--amount");
    }

    @Test
    void jsonSummaryCarriesTxidAmountFeesAndCost() {
        Nick maker = new Nick("J5AAAAAAAAAAAAAA");
        CoinJoinReport r = new CoinJoinReport(true, Optional.empty(), Optional.empty(),
                Optional.of(Sha256Hash.wrap("11".repeat(32))), Sats.of(1_000_000), Map.of(maker, Sats.of(20)),
                Sats.of(900), Sats.of(500), 1, Map.of(), 1);
        var json = CoinJoinCommand.toJson(r);
        assertThat(json.get("success").asBoolean()).isTrue();
        assertThat(json.get("txid").asText()).isEqualTo("11".repeat(32));
        assertThat(json.get("amount").asLong()).isEqualTo(1_000_000);
        assertThat(json.get("maker_fees").get("J5AAAAAAAAAAAAAA").asLong()).isEqualTo(20);
        assertThat(json.get("mining_fee").asLong()).isEqualTo(900);
        assertThat(json.get("total_cost").asLong()).isEqualTo(500);
        CoinJoinReport f = new CoinJoinReport(false, Optional.of(Phase.AUTH), Optional.of("too few makers"),
                Optional.empty(), Sats.ZERO, Map.of(), Sats.ZERO, Sats.ZERO, 0, Map.of(maker, "silent"), 2);
        var fj = CoinJoinCommand.toJson(f);
        assertThat(fj.get("failed_phase").asText()).isEqualTo("auth");
        assertThat(fj.get("error").asText()).isEqualTo("too few makers");
        assertThat(fj.get("dropped_makers").get("J5AAAAAAAAAAAAAA").asText()).isEqualTo("silent");
    }
}
