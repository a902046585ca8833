package jm.cli.config;

import java.util.List;
import java.util.regex.Pattern;
import jm.cli.common.ConfigKey;
import jm.cli.common.ConfigKeys;

/** Text generated from {@link ConfigKeys}: the Markdown reference and a commented config.toml. */
public final class ConfigReference {
    private static final Pattern LITERAL = Pattern.compile("-?[0-9][0-9_]*|true|false|\\[\\]");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.:/ -]+");

    private ConfigReference() {
    }

    /** The content of {@code docs/configuration.md}. */
    public static String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# Configuration reference\n\n")
                .append("<!-- Generated from jm.cli.common.ConfigKeys by jm.cli.config.ConfigReference; do not edit.\n")
                .append("     Regenerate: ./mvnw -B -q -o -pl jm-cli -am test -Dtest=ConfigReferenceTest ")
                .append("-Dsurefire.failIfNoSpecifiedTests=false -Djm.updateDocs=true -->\n\n")
                .append("Every `jm` command reads `config.toml` from the data directory (`--data-dir`, else ")
                .append("`$JM_DATA_DIR`, else `~/.joinmarket-java`), or the file named by `--config`.\n")
                .append("A value is taken from, in order: the command-line flag, the environment variable, ")
                .append("the file, the built-in default.\n\n")
                .append("- Sections and keys are JoinMarket NG's names where the meaning is the same; the ")
                .append("environment variable is `SECTION__KEY` in upper case (`MAKER__MIN_SIZE`, ")
                .append("`BITCOIN__RPC_URL`).\n")
                .append("- Older names (the reference implementation's `joinmarket.cfg` names such as ")
                .append("`cjfee_r` or `directory_nodes`, and earlier joinmarket-java names) are still read as ")
                .append("aliases, in the file and as environment variables. If both are set, the NG name wins; ")
                .append("an environment variable beats the file whichever name it uses.\n")
                .append("- A key no command knows is reported on standard error, one line per key, and ignored.\n")
                .append("- Lists (`directory_servers`) are TOML arrays; in the environment a JSON array or a ")
                .append("comma-separated string.\n")
                .append("- `jm config init` writes a config.toml with every key commented out at its default; ")
                .append("`jm config show [--json]` prints the effective values and where each came from ")
                .append("(secrets redacted).\n");
        b.append("\n## Network names on regtest\n\n")
                .append("Peers and directories only talk when they announce the same `network` name. On regtest ")
                .append("the reference implementation can only announce `testnet`, and JoinMarket NG announces its ")
                .append("`network` setting, which its regtest setups that talk to reference peers set to `testnet` ")
                .append("(with `bitcoin_network = \"regtest\"`).\n\n")
                .append("The rule here: a wallet on regtest announces `testnet` unless `[network] network` is set, ")
                .append("so by default our makers and takers on regtest meet reference peers and NG's regtest ")
                .append("setups. Start our directory for them with `jm directory start --local --network testnet`. ")
                .append("To join NG peers that announce `regtest` instead (NG's default when its `network` is ")
                .append("`regtest`), set `network = \"regtest\"` here too. When the names differ, the directory ")
                .append("answers with the network it runs, and `jm maker start` and `jm taker coinjoin` print at ")
                .append("once which directory refused and why (for example `directory 127.0.0.1:5222 runs ")
                .append("regtest, we announce testnet`).\n");
        for (String section : ConfigKeys.SECTIONS) {
            b.append("\n## [").append(section).append("]\n\n");
            ConfigKeys.SECTION_ALIASES.forEach((old, ng) -> {
                if (ng.equals(section)) {
                    b.append("The section `[").append(old).append("]` is read as an alias of `[").append(ng)
                            .append("]`.\n\n");
                }
            });
            b.append("| Key | Default | Environment | Meaning | Aliases |\n")
                    .append("|-----|---------|-------------|---------|---------|\n");
            for (ConfigKey k : keys(section)) {
                b.append("| `").append(k.key()).append("` | ").append(cell(k.defaultText())).append(" | `")
                        .append(k.envVar()).append("` | ").append(cell(k.description()))
                        .append(k.secret() ? " Secret: redacted by `jm config show`." : "").append(" | ")
                        .append(aliases(k)).append(" |\n");
            }
        }
        b.append("\n## JoinMarket NG settings not used\n\n")
                .append("These NG settings are recognised but have no effect here; a config.toml copied from NG ")
                .append("gets one warning line for each that is set (sections: ")
                .append(String.join(", ", ConfigKeys.NG_SECTIONS_NOT_USED.stream().map(x -> "`[" + x + "]`").toList()))
                .append("; keys: `[bitcoin] neutrino_*`, ")
                .append(String.join(", ", ConfigKeys.NG_NOT_USED.stream().map(x -> "`" + bracket(x) + "`").toList()))
                .append(").\n");
        b.append("\n## Aliases\n\n| Old name | Read as |\n|----------|---------|\n");
        for (ConfigKey k : ConfigKeys.all()) {
            for (String a : k.aliases()) {
                b.append("| `").append(bracket(a)).append("` | `[").append(k.section()).append("] ").append(k.key())
                        .append("` |\n");
            }
        }
        return b.toString();
    }

    /** A config.toml with every key commented out at its default, documented. */
    public static String initToml() {
        StringBuilder b = new StringBuilder();
        b.append("# joinmarket-java configuration (written by jm config init).\n")
                .append("# Every setting is commented out at its default: uncomment what you change.\n")
                .append("# Precedence: command-line flag > environment (SECTION__KEY) > this file > default.\n")
                .append("# Reference: docs/configuration.md\n");
        for (String section : ConfigKeys.SECTIONS) {
            b.append("\n[").append(section).append("]\n");
            for (ConfigKey k : keys(section)) {
                b.append("\n");
                for (String line : wrap(k.description(), 96)) {
                    b.append("# ").append(line).append("\n");
                }
                b.append("# Default: ").append(k.defaultText()).append(". Environment: ").append(k.envVar());
                if (!k.aliases().isEmpty()) {
                    b.append(". Also read as: ").append(String.join(", ", k.aliases().stream().map(ConfigReference::bracket)
                            .toList()));
                }
                b.append(".\n# ").append(k.key()).append(" = ").append(tomlDefault(k)).append("\n");
            }
        }
        return b.toString();
    }

    static List<ConfigKey> keys(String section) {
        return ConfigKeys.all().stream().filter(k -> k.section().equals(section)).toList();
    }

    /** The default as a TOML value when it is one, else an empty string to fill in. */
    static String tomlDefault(ConfigKey k) {
        String d = k.defaultText();
        int cut = d.indexOf(" (");
        String head = cut > 0 ? d.substring(0, cut) : d;
        if (LITERAL.matcher(head).matches()) {
            return head;
        }
        if (WORD.matcher(head).matches()) {
            // decimals as strings, so that they stay exact
            return "\"" + head + "\"";
        }
        return "\"\"";
    }

    private static String aliases(ConfigKey k) {
        return k.aliases().isEmpty() ? "" : String.join(", ",
                k.aliases().stream().map(a -> "`" + bracket(a) + "`").toList());
    }

    private static String bracket(String id) {
        int dot = id.indexOf('.');
        return "[" + id.substring(0, dot) + "] " + id.substring(dot + 1);
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static List<String> wrap(String text, int width) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String w : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + w.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(w);
        }
        if (line.length() > 0) {
            out.add(line.toString());
        }
        return out;
    }
}
