package jm.cli.tumbler;

import jm.cli.common.GroupCommand;
import picocli.CommandLine.Command;

/** {@code jm tumbler}: scheduled CoinJoins across mixdepths to several destinations. */
@Command(name = "tumbler", mixinStandardHelpOptions = true,
        description = {"Mix a wallet's coins through its mixdepths in a schedule of CoinJoins ending at several "
                + "destination addresses.",
                "The plan subcommand shows a schedule without running it, run starts one, resume continues one "
                        + "after a stop or a crash, and status shows how far it got. The schedule and every step's progress are kept in "
                        + "<data-dir>/tumbler/<wallet>.json (mode 0600)."},
        subcommands = {TumblerPlanCommand.class, TumblerRunCommand.class, TumblerResumeCommand.class,
                TumblerStatusCommand.class})
public final class TumblerCommand extends GroupCommand {
}
