package jm.cli.common;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir} alone, for commands that read no config.toml (the embedded regtest node's). */
public final class DataDirOption implements CliFactory.ContextAware {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "~/.joinmarket-java, or $JM_DATA_DIR if set: the data directory.")
    Path dataDir;

    private CliContext context = CliContext.system();

    @Override
    public void useContext(CliContext invocation) {
        this.context = invocation;
    }

    /** The data directory (not created). */
    public Path resolve() {
        return DataDir.resolve(dataDir, context.env());
    }

    /** The data directory, created if missing. */
    public Path resolveAndCreate() {
        return DataDir.resolveAndCreate(dataDir, context.env());
    }
}
