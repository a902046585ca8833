package jm.cli.tumbler;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import jm.chain.ChainBackend;
import jm.cli.common.ConfigException;
import jm.cli.common.ConfiguredCommand;
import jm.cli.common.JmConfig;
import jm.cli.common.RpcOptions;
import jm.cli.common.WalletOptions;
import jm.tumbler.plan.PlanException;
import jm.tumbler.plan.ScheduleFile;
import jm.tumbler.run.TumbleReport;
import jm.tumbler.state.TumbleState;
import jm.wallet.Wallet;
import jm.wallet.WalletStorage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jm tumbler plan}: a tumble schedule for the wallet's current balances, shown, not run. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show the schedule a tumble would run now, without running it.",
                "Each line is one CoinJoin: the mixdepth it spends from, the amount (a share of that mixdepth, or a "
                        + "sweep), the makers, the destination (INTERNAL is the next mixdepth) and the wait after it.",
                "--schedule-out FILE writes it in the reference tumbler's format, which jm tumbler run "
                        + "--schedule-file FILE runs as it is."})
public final class TumblerPlanCommand extends ConfiguredCommand {
    @Mixin
    WalletOptions wallet;

    @Mixin
    RpcOptions rpc;

    @Mixin
    PlanOptions plan;

    @Option(names = "--json", description = "Print the schedule as JSON.")
    boolean json;

    @Option(names = "--schedule-out", paramLabel = "FILE", description = "Also write it as a reference schedule file.")
    Path scheduleOut;

    @Override
    protected int execute(PrintWriter out, PrintWriter err) {
        JmConfig config = common.config();
        Path dataDir = common.dataDir();
        try (Wallet w = wallet.openForWriting(WalletStorage.inDataDir(dataDir), config, common.env());
                ChainBackend chain = rpc.connect(config, w.config().network(), w.name(), dataDir)) {
            w.sync(chain);
            TumbleState s = plan.tumble(w, Instant.now());
            if (scheduleOut != null) {
                Files.writeString(scheduleOut, ScheduleFile.format(s.steps().stream().map(x -> x.entry()).toList(),
                        i -> "0"), StandardCharsets.UTF_8);
            }
            if (json) {
                out.println(TumbleReport.json(s).toString());
            } else {
                TumbleReport.lines(s).forEach(out::println);
            }
            return 0;
        } catch (IOException | PlanException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
