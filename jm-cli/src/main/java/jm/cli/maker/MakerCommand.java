package jm.cli.maker;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jm maker}: groups the maker subcommands. */
@Command(name = "maker", mixinStandardHelpOptions = true,
        description = "Run a JoinMarket maker (yield generator): earn fees by lending coins to CoinJoins.",
        subcommands = {StartMakerCommand.class})
public final class MakerCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
