package jm.cli.directory;

import jm.cli.common.GroupCommand;
import picocli.CommandLine.Command;

/** {@code jm directory}: run a directory node. */
@Command(name = "directory", mixinStandardHelpOptions = true,
        description = "Run a JoinMarket directory node (peer discovery and message relay).",
        subcommands = {StartDirectoryCommand.class})
public final class DirectoryCommand extends GroupCommand {
}
