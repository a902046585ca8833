package jm.cli.directory;

import jm.cli.common.CliContext;
import jm.cli.common.CliFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point the {@code jm} launcher uses for {@code jm directory start}: the same command as
 * {@code jm.cli.Main}'s, under a root that holds only {@code directory}. A directory runs for weeks
 * and its footprint is what an operator compares (jm-directory/README.md, "Memory and speed"):
 * building every other command's model (wallet, taker, maker, ...) would load ~170 classes and
 * cost ~5 MiB of resident memory for nothing, and reading logback.xml another ~3.5 MiB
 * ({@link DirectoryLogging}).
 */
@Command(name = "jm", mixinStandardHelpOptions = true, version = "jm 0.1.0-SNAPSHOT",
        description = "joinmarket-java directory node.", subcommands = DirectoryCommand.class)
public final class DirectoryMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // before any logger exists: logging is set up in code, not from logback.xml
        System.setProperty(DirectoryLogging.PROPERTY, "true");
        // as jm.cli.Main: the health endpoint's JDK HTTP server answers without waiting for Nagle
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        System.exit(commandLine(CliContext.system()).execute(args));
    }

    /** The directory-only command line for one invocation in {@code context}. */
    public static CommandLine commandLine(CliContext context) {
        return new CommandLine(new DirectoryMain(), new CliFactory(context));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
