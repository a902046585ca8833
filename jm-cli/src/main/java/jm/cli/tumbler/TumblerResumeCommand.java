package jm.cli.tumbler;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import jm.cli.common.ConfigException;
import jm.cli.common.ConfiguredCommand;
import jm.tumbler.state.TumbleState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jm tumbler resume}: continue the wallet's saved tumble. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue the wallet's tumble after Ctrl-C, a crash or a step that failed too often.",
                "Confirmed CoinJoins are not repeated; a sent one is looked up on the node (and broadcast again if "
                        + "the node lost it); the wait after the last confirmation continues where it was."})
public final class TumblerResumeCommand extends ConfiguredCommand {
    @Mixin
    RunOptions run;

    @Override
    protected int execute(PrintWriter out, PrintWriter err) throws InterruptedException {
        return run.execute(out, err, common, (wallet, chain, store, progress) -> {
            if (!store.exists()) {
                throw new ConfigException("wallet '" + wallet.name() + "' has no tumble to resume (" + store.file()
                        + " does not exist): start one with jm tumbler run");
            }
            TumbleState s;
            try {
                s = store.load();
            } catch (IOException e) {
                throw new ConfigException(e.getMessage());
            }
            if (s.finished()) {
                progress.println("the tumble in " + store.file() + " has finished: nothing to resume");
                return Optional.empty();
            }
            progress.println("resuming the tumble in " + store.file() + " at step " + (s.currentStep() + 1) + " of "
                    + s.steps().size());
            return Optional.of(s);
        });
    }
}
