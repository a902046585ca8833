package jm.cli.tumbler;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import jm.cli.common.ConfigException;
import jm.cli.common.ConfiguredCommand;
import jm.cli.common.StartConfirmation;
import jm.tumbler.plan.PlanException;
import jm.tumbler.run.TumbleReport;
import jm.tumbler.state.TumbleState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jm tumbler run}: plan a tumble, save it, then run it step by step. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Plan a tumble of the whole wallet to the --destination addresses (at least 3), save it, and "
                + "run it: one CoinJoin after another, each after the previous one confirmed and its wait passed.",
                "Progress is saved before and after every step, so after Ctrl-C or a crash jm tumbler resume "
                        + "continues without repeating a confirmed CoinJoin or losing a broadcast one.",
                "Settings: [taker] in config.toml as for jm taker coinjoin (fee limits, minimum_makers, tx_fees)."})
public final class TumblerRunCommand extends ConfiguredCommand {
    @Mixin
    PlanOptions plan;

    @Mixin
    RunOptions run;

    @Mixin
    StartConfirmation start;

    @Option(names = "--replace", description = "Discard an unfinished tumble of this wallet and start a new one.")
    boolean replace;

    @Override
    protected int execute(PrintWriter out, PrintWriter err) throws InterruptedException {
        return run.execute(out, err, common, (wallet, chain, store, progress) -> {
            if (store.exists() && !replace) {
                try {
                    if (!store.load().finished()) {
                        throw new ConfigException("wallet '" + wallet.name() + "' has an unfinished tumble in "
                                + store.file() + ": continue it with jm tumbler resume, or start anew with --replace");
                    }
                } catch (IOException e) {
                    throw new ConfigException(e.getMessage() + " (--replace starts anew)");
                }
            }
            TumbleState s;
            try {
                s = plan.tumble(wallet, Instant.now());
            } catch (IOException | PlanException e) {
                throw new ConfigException(e.getMessage());
            }
            TumbleReport.lines(s).forEach(progress::println);
            if (!start.confirmed(common.context().stdin(), progress, "Run this tumble of "
                    + s.steps().size() + " CoinJoins? [y/N]")) {
                progress.println("cancelled");
                return Optional.empty();
            }
            store.save(s); // the plan is on disk before the first CoinJoin
            progress.println("tumble saved to " + store.file());
            return Optional.of(s);
        });
    }
}
