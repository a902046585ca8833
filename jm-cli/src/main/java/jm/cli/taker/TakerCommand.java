package jm.cli.taker;

import jm.cli.common.GroupCommand;
import picocli.CommandLine.Command;

/** {@code jm taker}: the taker side of the market. */
@Command(name = "taker", mixinStandardHelpOptions = true,
        description = "Take offers: mix your coins in a CoinJoin with makers.",
        subcommands = {CoinJoinCommand.class})
public final class TakerCommand extends GroupCommand {
}
