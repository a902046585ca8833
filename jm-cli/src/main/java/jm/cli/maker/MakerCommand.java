package jm.cli.maker;

import jm.cli.common.GroupCommand;
import picocli.CommandLine.Command;

/** {@code jm maker}: groups the maker subcommands. */
@Command(name = "maker", mixinStandardHelpOptions = true,
        description = "Run a JoinMarket maker (yield generator): earn fees by lending coins to CoinJoins.",
        subcommands = {StartMakerCommand.class})
public final class MakerCommand extends GroupCommand {
}
