package jm.cli.common;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --data-dir} and {@code --config}, mixed into every command that reads state or config,
 * with the invocation's {@link CliContext} (environment, standard input, stop signal).
 */
public final class CommonOptions implements CliFactory.ContextAware {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "~/.joinmarket-java, or $JM_DATA_DIR if set: the data directory.")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "config.toml in the data directory, if it exists: the configuration file.")
    Path configFile;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private CliContext context = CliContext.system();
    private JmConfig loaded;
    private Map<String, String> loadedEnv;

    @Override
    public void useContext(CliContext invocation) {
        this.context = invocation;
        this.loaded = null;
    }

    /** What this invocation runs in: environment, standard input, stop signal. */
    public CliContext context() {
        return context;
    }

    /** The invocation's environment. */
    public Map<String, String> env() {
        return context.env();
    }

    /** The resolved data directory, created if missing. */
    public Path dataDir() {
        return DataDir.resolveAndCreate(dataDir, env());
    }

    /** The configuration for this invocation (file + the invocation's environment). */
    public JmConfig config() {
        return config(env());
    }

    /**
     * The configuration for this invocation, loaded once; the first load prints one warning line
     * per unknown key of the file to the command's error stream.
     */
    public JmConfig config(Map<String, String> env) {
        if (loaded != null && env.equals(loadedEnv)) {
            return loaded;
        }
        JmConfig c = JmConfig.load(DataDir.resolve(dataDir, env), configFile, env);
        PrintWriter err = mixee != null && mixee.commandLine() != null ? mixee.commandLine().getErr()
                : new PrintWriter(System.err, true);
        for (String w : c.warnings()) {
            err.println(w);
        }
        err.flush();
        loaded = c;
        loadedEnv = Map.copyOf(env);
        return c;
    }

    public Path dataDirFlag() {
        return dataDir;
    }

    /** The {@code --config} flag, or null. */
    public Path configFileFlag() {
        return configFile;
    }
}
