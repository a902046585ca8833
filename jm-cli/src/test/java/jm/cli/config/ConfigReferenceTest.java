package jm.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jm.cli.common.ConfigKey;
import jm.cli.common.ConfigKeys;
import jm.cli.common.JmConfig;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {
    /** docs/ at the repository root (tests run in jm-cli/). */
    static final Path DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void docsConfigurationMdIsTheGeneratedReference() throws IOException {
        String generated = ConfigReference.markdown();
        if (Boolean.getBoolean("jm.updateDocs")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertThat(DOC).exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/configuration.md is stale: regenerate it with -Djm.updateDocs=true (see its header)")
                .isEqualTo(generated);
    }

    @Test
    void referenceNamesEveryKeyItsEnvironmentVariableAndAliases() {
        String md = ConfigReference.markdown();
        for (ConfigKey k : ConfigKeys.all()) {
            assertThat(md).contains("| `" + k.key() + "` |", "`" + k.envVar() + "`");
            for (String a : k.aliases()) {
                String shown = "[" + a.replace(".", "] ");
                assertThat(md).contains("`" + shown + "`");
            }
        }
    }

    @Test
    void initTomlIsValidHasNoUnknownKeysAndChangesNothing() {
        String toml = ConfigReference.initToml();
        JmConfig init = JmConfig.parse(toml, Map.of());
        assertThat(init.warnings()).isEmpty();
        assertThat(ConfigKeysCoverageTest.readAll(init))
                .isEqualTo(ConfigKeysCoverageTest.readAll(JmConfig.parse("", Map.of())));
        for (ConfigKey k : ConfigKeys.all()) {
            assertThat(toml).contains("# " + k.key() + " = ");
        }
    }

    @Test
    void uncommentedInitDefaultsReadAsTheDefaults() {
        // every literal default, uncommented, must be accepted and equal to leaving the key out
        StringBuilder b = new StringBuilder();
        for (String line : ConfigReference.initToml().split("\n")) {
            if (line.matches("# [a-z_]+ = .*") && !line.endsWith("= \"\"")
                    && !line.startsWith("# network = ") && !line.startsWith("# directory_servers = ")) {
                b.append(line.substring(2)).append('\n');
            } else if (line.startsWith("[")) {
                b.append(line).append('\n');
            }
        }
        JmConfig uncommented = JmConfig.parse(b.toString(), Map.of());
        assertThat(ConfigKeysCoverageTest.readAll(uncommented))
                .isEqualTo(ConfigKeysCoverageTest.readAll(JmConfig.parse("", Map.of())));
    }
}
