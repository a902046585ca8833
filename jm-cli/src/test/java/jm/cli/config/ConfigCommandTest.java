package jm.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jm.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigCommandTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int jm(String... args) {
        CommandLine cl = Main.commandLine(jm.cli.common.CliContext.system().withEnv(env));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** The environment of the next {@link #jm} run. */
    Map<String, String> env = System.getenv();

    @Test
    void showJsonGivesValuesWithSourcesAndRedactsSecrets() throws Exception {
        Files.writeString(dir.resolve("config.toml"), """
                [maker]
                cjfee_r = "0.0004"
                [bitcoin]
                rpc_user = "alice"
                rpc_password = "s3cr3t"
                """);
        env = Map.of("TAKER__MINIMUM_MAKERS", "3");
        assertThat(jm("config", "show", "--json", "--data-dir", dir.toString())).isZero();
        assertThat(out.toString()).doesNotContain("s3cr3t");
        JsonNode keys = new ObjectMapper().readTree(out.toString()).get("keys");
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        keys.forEach(n -> byId.put(n.get("section").asText() + "." + n.get("key").asText(), n));
        assertThat(byId.get("maker.cj_fee_relative").get("value").asText()).isEqualTo("0.0004");
        assertThat(byId.get("maker.cj_fee_relative").get("source").asText()).isEqualTo("file");
        assertThat(byId.get("maker.cj_fee_relative").get("from").asText()).contains("[maker] cjfee_r");
        assertThat(byId.get("taker.minimum_makers").get("value").asText()).isEqualTo("3");
        assertThat(byId.get("taker.minimum_makers").get("source").asText()).isEqualTo("env");
        assertThat(byId.get("bitcoin.rpc_password").get("value").asText()).isEqualTo("(redacted)");
        assertThat(byId.get("wallet.gap_limit").get("source").asText()).isEqualTo("default");
        assertThat(byId.get("wallet.gap_limit").get("value").asText()).isEqualTo("20");
    }

    @Test
    void showWarnsAboutUnknownKeysOnStderr() throws Exception {
        Files.writeString(dir.resolve("config.toml"), "[maker]\nmin_sise = 5\n");
        env = Map.of();
        assertThat(jm("config", "show", "--data-dir", dir.toString())).isZero();
        assertThat(err.toString()).contains("unknown key [maker] min_sise");
        assertThat(out.toString()).contains("[maker]", "min_size = 100000    # default");
    }

    @Test
    void initWritesACommentedFileOnceAndNeverOverwrites() throws Exception {
        assertThat(jm("config", "init", "--data-dir", dir.toString())).isZero();
        Path file = dir.resolve("config.toml");
        assertThat(Files.readString(file)).isEqualTo(ConfigReference.initToml());
        Files.writeString(file, "# mine\n");
        assertThat(jm("config", "init", "--data-dir", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("already exists");
        assertThat(Files.readString(file)).isEqualTo("# mine\n");
    }

    @Test
    void showMarksEveryInvalidValueAndExitsWithTheConfigErrorCode() throws Exception {
        Files.writeString(dir.resolve("config.toml"), """
                [directory_server]
                port = "abc"
                [taker]
                max_cj_fee_rel = 2
                max_cj_fee_abs = 99999999999999999999
                [network]
                directory_servers = ["nocolon"]
                """);
        env = Map.of();
        assertThat(jm("config", "show", "--data-dir", dir.toString())).isEqualTo(jm.cli.common.CommandRun.CONFIG_ERROR);
        assertThat(out.toString()).contains("port = abc    # INVALID, ", "max_cj_fee_rel = 2    # INVALID, ",
                "max_cj_fee_abs = 99999999999999999999    # INVALID, ", "min_size = 100000    # default");
        assertThat(err.toString()).contains(
                "error: [directory_server] port: 'abc' from ", "is not a whole number",
                "error: [taker] max_cj_fee_rel: '2' from ", "is outside [0, 0.999999]",
                "error: [taker] max_cj_fee_abs: '99999999999999999999' from ", "is too large",
                "error: [network] directory_servers: ");
        assertThat(err.toString()).doesNotContain("not a whole number: is too large");
    }

    @Test
    void showJsonSaysWhichValuesAreInvalid() throws Exception {
        Files.writeString(dir.resolve("config.toml"), "[maker]\nmin_size = -1\n");
        env = Map.of();
        assertThat(jm("config", "show", "--json", "--data-dir", dir.toString())).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("valid").asBoolean()).isFalse();
        root.get("keys").forEach(n -> {
            boolean minSize = n.get("key").asText().equals("min_size");
            assertThat(n.get("valid").asBoolean()).as(n.toString()).isEqualTo(!minSize);
            if (minSize) {
                assertThat(n.get("error").asText()).startsWith("[maker] min_size: '-1' from ");
            }
        });
    }
}
