package jm.cli.taker;

import picocli.CommandLine.Command;

/** {@code jm taker}: the taker side of the market. */
@Command(name = "taker", mixinStandardHelpOptions = true,
        description = "Take offers: mix your coins in a CoinJoin with makers.",
        subcommands = {CoinJoinCommand.class})
public final class TakerCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
