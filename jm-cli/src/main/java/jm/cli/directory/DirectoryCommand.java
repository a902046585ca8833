package jm.cli.directory;

import picocli.CommandLine.Command;

/** {@code jm directory}: run a directory node. */
@Command(name = "directory", mixinStandardHelpOptions = true,
        description = "Run a JoinMarket directory node (peer discovery and message relay).",
        subcommands = {StartDirectoryCommand.class})
public final class DirectoryCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
