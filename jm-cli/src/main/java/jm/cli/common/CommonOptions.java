package jm.cli.common;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --data-dir} and {@code --config}, mixed into every command that reads state or config. */
public final class CommonOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (default: $JM_DATA_DIR or ~/.joinmarket-java).")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: <data-dir>/config.toml if it exists).")
    Path configFile;

    /** The resolved data directory, created if missing. */
    public Path dataDir() {
        return DataDir.resolveAndCreate(dataDir, System.getenv());
    }

    /** The configuration for this invocation (file + process environment). */
    public JmConfig config() {
        return config(System.getenv());
    }

    public JmConfig config(Map<String, String> env) {
        return JmConfig.load(DataDir.resolve(dataDir, env), configFile, env);
    }

    public Path dataDirFlag() {
        return dataDir;
    }
}
