package jm.cli.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import jm.cli.common.CommandRun;
import jm.cli.common.ConfiguredCommand;
import jm.cli.common.GroupCommand;
import jm.cli.common.ConfigException;
import jm.cli.common.ConfigKey;
import jm.cli.common.ConfigKeys;
import jm.cli.common.JmConfig;
import jm.wallet.store.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jm config}: inspect and create config.toml. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Show the effective settings, or write a config.toml with every key commented out.",
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Init.class})
public final class ConfigCommand extends GroupCommand {
    /** {@code jm config show [--json]}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print every key's effective value and its source (environment, file or default). "
                    + "Secrets are redacted. A value no command would accept is marked INVALID, explained on "
                    + "standard error, and the exit code is then 1.")
    static final class Show extends ConfiguredCommand {
        @Option(names = "--json", description = "One JSON object: {\"file\": ..., \"keys\": [...]}.")
        boolean json;

        @Override
        protected int execute(PrintWriter out, PrintWriter err) {
            try {
                JmConfig config = common.config();
                Map<String, String> problems = ConfigCheck.problems(config, common.dataDir());
                ObjectMapper mapper = new ObjectMapper();
                ObjectNode root = mapper.createObjectNode();
                root.put("file", config.fileLabel());
                ArrayNode keys = root.putArray("keys");
                String section = null;
                boolean first = true;
                for (ConfigKey k : ConfigKeys.all()) {
                    Optional<String> value = config.string(k.section(), k.key());
                    Optional<String> source = config.source(k.section(), k.key());
                    String shown = value.map(v -> k.secret() ? "(redacted)" : v).orElse(k.defaultText());
                    String from = source.orElse("default");
                    String problem = problems.get(k.id());
                    if (json) {
                        ObjectNode n = keys.addObject();
                        n.put("section", k.section());
                        n.put("key", k.key());
                        n.put("value", shown);
                        n.put("source", source.isPresent() ? (from.startsWith("environment") ? "env" : "file")
                                : "default");
                        n.put("from", from);
                        n.put("valid", problem == null);
                        if (problem != null) {
                            n.put("error", problem);
                        }
                    } else {
                        if (!k.section().equals(section)) {
                            section = k.section();
                            out.println((first ? "" : "\n") + "[" + section + "]");
                            first = false;
                        }
                        out.println(k.key() + " = " + shown + "    # " + (problem == null ? from : "INVALID, " + from));
                    }
                }
                if (json) {
                    root.put("valid", problems.isEmpty());
                    out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
                }
                if (problems.isEmpty()) {
                    return 0;
                }
                problems.values().forEach(p -> err.println("error: " + p));
                return CommandRun.CONFIG_ERROR;
            } catch (IOException e) {
                throw new ConfigException(e.getMessage(), e);
            }
        }
    }

    /** {@code jm config init}. */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Write <data-dir>/config.toml (or --config FILE) with every key commented out at its "
                    + "default; an existing file is left alone.")
    static final class Init extends ConfiguredCommand {
        @Override
        protected int execute(PrintWriter out, PrintWriter err) {
            try {
                Path file = common.configFileFlag() != null ? common.configFileFlag()
                        : common.dataDir().resolve(JmConfig.FILE_NAME);
                try {
                    AtomicFiles.writePrivate(file, ConfigReference.initToml().getBytes(StandardCharsets.UTF_8), true);
                } catch (FileAlreadyExistsException e) {
                    err.println("error: " + file + " already exists; not overwritten");
                    return 1;
                }
                out.println("wrote " + file);
                return 0;
            } catch (IOException e) {
                throw new ConfigException(e.getMessage(), e);
            }
        }
    }
}
