package jm.cli.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmConfigTest {

    private static final String TOML = """
            [maker]
            min_size = 200000
            cj_fee_relative = "0.00003"
            merge_algorithm = "gradual"

            [network]
            directory_servers = ["a.onion:5222", "b.onion:5222"]
            """;

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() {
        JmConfig cfg = JmConfig.parse(TOML, Map.of("MAKER__MIN_SIZE", "300000"));
        assertThat(cfg.longValue("maker", "min_size", 400_000L, 1, 0, Long.MAX_VALUE)).isEqualTo(400_000);
        assertThat(cfg.longValue("maker", "min_size", null, 1, 0, Long.MAX_VALUE)).isEqualTo(300_000);
        JmConfig fileOnly = JmConfig.parse(TOML, Map.of());
        assertThat(fileOnly.longValue("maker", "min_size", null, 1, 0, Long.MAX_VALUE)).isEqualTo(200_000);
        assertThat(fileOnly.longValue("maker", "tx_fee_contribution", null, 7, 0, Long.MAX_VALUE)).isEqualTo(7);
    }

    @Test
    void environmentNamesFollowNgConvention() {
        assertThat(JmConfig.envName("bitcoin", "rpc_url")).isEqualTo("BITCOIN__RPC_URL");
    }

    @Test
    void decimalsAreExactAndRangeChecked() {
        JmConfig cfg = JmConfig.parse(TOML, Map.of());
        assertThat(cfg.decimal("maker", "cj_fee_relative", null, "0.00002", BigDecimal.ZERO, BigDecimal.ONE))
                .isEqualByComparingTo("0.00003");
        assertThatThrownBy(() -> cfg.decimal("maker", "cj_fee_relative", "1.5", "0", BigDecimal.ZERO, BigDecimal.ONE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[maker] cj_fee_relative");
    }

    @Test
    void badNumberNamesKeyAndSource() {
        JmConfig cfg = JmConfig.parse(TOML, Map.of("MAKER__MIN_SIZE", "lots"));
        assertThatThrownBy(() -> cfg.longValue("maker", "min_size", null, 1, 0, Long.MAX_VALUE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[maker] min_size")
                .hasMessageContaining("MAKER__MIN_SIZE");
    }

    @Test
    void outOfRangeIsRejected() {
        JmConfig cfg = JmConfig.parse("[wallet]\nmixdepth_count = 11\n", Map.of());
        assertThatThrownBy(() -> cfg.intValue("wallet", "mixdepth_count", null, 5, 1, 10))
                .isInstanceOf(ConfigException.class).hasMessageContaining("outside [1, 10]");
    }

    @Test
    void aWholeNumberTooLargeForItsTypeIsCalledTooLargeNotMalformed() {
        JmConfig cfg = JmConfig.parse("[taker]\nmax_cj_fee_abs = 99999999999999999999\nminimum_makers = \"-99999999999999999999\"\n",
                Map.of());
        assertThatThrownBy(() -> cfg.longValue("taker", "max_cj_fee_abs", null, 1, 0, 100))
                .isInstanceOf(ConfigException.class)
                .hasMessage("[taker] max_cj_fee_abs: '99999999999999999999' from (inline) [taker] max_cj_fee_abs "
                        + "is too large: is outside [0, 100]");
        assertThatThrownBy(() -> cfg.intValue("taker", "minimum_makers", null, 1, 1, 50))
                .hasMessageContaining("is too small: is outside [1, 50]");
    }

    @Test
    void everyKindOfBadValueIsWordedTheSameWay() {
        JmConfig cfg = JmConfig.parse("[taker]\nmax_cj_fee_abs = -5\nmax_cj_fee_rel = 2\nlocktime = \"soon\"\n"
                + "bondless_require_zero_fee = \"perhaps\"\n", Map.of());
        java.util.List<Throwable> errors = java.util.List.of(
                catchThrowable(() -> cfg.longValue("taker", "max_cj_fee_abs", null, 1, 0, 100)),
                catchThrowable(() -> cfg.decimal("taker", "max_cj_fee_rel", null, "0.1", java.math.BigDecimal.ZERO,
                        java.math.BigDecimal.ONE)),
                catchThrowable(() -> cfg.choice("taker", "locktime", null, "zero", List.of("zero", "anti_fee_sniping"))),
                catchThrowable(() -> cfg.bool("taker", "bondless_require_zero_fee", null, true)));
        for (Throwable t : errors) {
            assertThat(t).isInstanceOf(ConfigException.class);
            assertThat(t.getMessage()).matches("\\[taker\\] (\\w+): '[^']*' from \\(inline\\) \\[taker\\] \\1 (is|has) .+");
            assertThat(((ConfigException) t).key()).isPresent();
        }
    }

    @Test
    void listsComeFromTomlArraysOrCommaSeparatedEnvironment() {
        JmConfig cfg = JmConfig.parse(TOML, Map.of());
        assertThat(cfg.list("network", "directory_servers", null, List.of()))
                .containsExactly("a.onion:5222", "b.onion:5222");
        JmConfig env = JmConfig.parse(TOML, Map.of("NETWORK__DIRECTORY_SERVERS", "x:1, y:2"));
        assertThat(env.list("network", "directory_servers", null, List.of())).containsExactly("x:1", "y:2");
        JmConfig json = JmConfig.parse("", Map.of("NETWORK__DIRECTORY_SERVERS", "[\"x:1\",\"y:2\"]"));
        assertThat(json.list("network", "directory_servers", null, List.of())).containsExactly("x:1", "y:2");
    }

    @Test
    void booleansAcceptCommonSpellingsOnly() {
        JmConfig cfg = JmConfig.parse("[tor]\ncontrol_enabled = false\n", Map.of("TOR__STREAM_ISOLATION", "maybe"));
        assertThat(cfg.bool("tor", "control_enabled", null, true)).isFalse();
        assertThatThrownBy(() -> cfg.bool("tor", "stream_isolation", null, true))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not true or false");
    }

    @Test
    void malformedFileIsAClearError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.toml"), "[maker\nmin_size = ");
        assertThatThrownBy(() -> JmConfig.load(dir, null, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid TOML");
    }

    @Test
    void missingDefaultFileMeansDefaultsButMissingExplicitFileIsAnError(@TempDir Path dir) {
        assertThat(JmConfig.load(dir, null, Map.of()).isSet("maker", "min_size")).isFalse();
        assertThatThrownBy(() -> JmConfig.load(dir, dir.resolve("nope.toml"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    @Test
    void dataDirPrecedence(@TempDir Path dir) {
        assertThat(DataDir.resolve(dir, Map.of(DataDir.ENV, "/elsewhere"))).isEqualTo(dir.toAbsolutePath());
        assertThat(DataDir.resolve(null, Map.of(DataDir.ENV, dir.toString()))).isEqualTo(dir.toAbsolutePath());
        assertThat(DataDir.resolve(null, Map.of()).getFileName().toString()).isEqualTo(".joinmarket-java");
    }

    @Test
    void passwordFileTrailingNewlineIsNotPartOfThePassword(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("pw");
        Files.writeString(f, "s3cret\n");
        assertThat(new String(Passwords.read(f, Map.of(), "pw: ", false))).isEqualTo("s3cret");
        assertThat(new String(Passwords.read(null, Map.of(Passwords.ENV, "envpw"), "pw: ", false))).isEqualTo("envpw");
    }
}
