package jm.cli.tumbler;

import java.io.IOException;
import java.io.PrintWriter;
import jm.cli.common.ConfigException;
import jm.cli.common.ConfiguredCommand;
import jm.tumbler.run.TumbleReport;
import jm.tumbler.state.TumbleState;
import jm.tumbler.state.TumbleStateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jm tumbler status}: the saved tumble of a wallet, read from its file (no password, no node). */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the wallet's tumble: every step with its state (planned, started, sent, confirmed) and "
                + "txid, and the totals. Reads the state file only; works while the tumble runs.")
public final class TumblerStatusCommand extends ConfiguredCommand {
    @Option(names = {"-w", "--wallet"}, paramLabel = "NAME", defaultValue = "wallet",
            description = "Wallet name (default: ${DEFAULT-VALUE}).")
    String walletName;

    @Option(names = "--json", description = "Print it as JSON.")
    boolean json;

    @Override
    protected int execute(PrintWriter out, PrintWriter err) {
        TumbleStateStore store = new TumbleStateStore(TumbleStateStore.fileFor(common.dataDir(), walletName));
        if (!store.exists()) {
            throw new ConfigException("wallet '" + walletName + "' has no tumble (" + store.file() + ")");
        }
        TumbleState s;
        try {
            s = store.load();
        } catch (IOException e) {
            throw new ConfigException(e.getMessage());
        }
        if (json) {
            out.println(TumbleReport.json(s).toString());
        } else {
            TumbleReport.lines(s).forEach(out::println);
        }
        return 0;
    }
}
