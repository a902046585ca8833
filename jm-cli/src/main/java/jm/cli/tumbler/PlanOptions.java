package jm.cli.tumbler;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import jm.cli.common.ConfigException;
import jm.tumbler.plan.PlanGenerator;
import jm.tumbler.plan.ScheduleEntry;
import jm.tumbler.plan.ScheduleFile;
import jm.tumbler.plan.TumbleParameters;
import jm.tumbler.state.StepState;
import jm.tumbler.state.TumbleState;
import jm.wallet.Wallet;
import picocli.CommandLine.Option;

/**
 * How a tumble is planned: the destinations and the reference tumbler's parameters (same
 * names and defaults as {@code tumbler.py}), or a reference schedule file.
 */
public final class PlanOptions {
    private static final TumbleParameters D = TumbleParameters.defaults();

    @Option(names = {"-d", "--destination"}, paramLabel = "ADDRESS",
            description = "A destination address (repeat it, at least 3 times, all different; the last one receives "
                    + "the final sweep).")
    List<String> destinations = List.of();

    @Option(names = "--schedule-file", paramLabel = "FILE",
            description = "Use a reference schedule file (the format of the reference tumbler's schedule files) instead of a new "
                    + "plan. Its addrask entries take the --destination addresses in order.")
    Path scheduleFile;

    @Option(names = {"-N", "--makercountrange"}, arity = "2", paramLabel = "MEAN SIGMA",
            description = "Mean and standard deviation of the makers per CoinJoin (default: 9 1).")
    List<Double> makerCount = List.of(D.makerCountMean(), D.makerCountSigma());

    @Option(names = "--minmakercount", paramLabel = "N", description = "Fewest makers in a CoinJoin (default: 4).")
    int minMakerCount = D.minMakerCount();

    @Option(names = {"-M", "--mixdepthcount"}, paramLabel = "N",
            description = "How many mixdepths to mix through (default: 4).")
    int mixdepthCount = D.mixdepthCount();

    @Option(names = {"-c", "--txcountparams"}, arity = "2", paramLabel = "MEAN SIGMA",
            description = "Mean and standard deviation of the CoinJoins per mixdepth (default: 2 1).")
    List<Double> txCount = List.of(D.txCountMean(), D.txCountSigma());

    @Option(names = "--mintxcount", paramLabel = "N", description = "Fewest CoinJoins per mixdepth (default: 2).")
    int minTxCount = D.minTxCount();

    @Option(names = {"-l", "--timelambda"}, paramLabel = "MINUTES",
            description = "Mean wait after each CoinJoin confirms, exponentially distributed (default: 60).")
    double timeLambda = D.timeLambdaMinutes();

    @Option(names = "--stage1-timelambda-increase", paramLabel = "FACTOR",
            description = "The first sweeps wait this many times longer (default: 3).")
    double stage1Factor = D.stage1TimeLambdaFactor();

    @Option(names = "--rounding-chance", paramLabel = "P",
            description = "Chance that a non-sweep amount is rounded (default: 0.25).")
    double roundingChance = D.roundingChance();

    @Option(names = "--rounding-sigfig-weights", arity = "5", paramLabel = "W",
            description = "Weights of rounding to 1, 2, 3, 4 and 5 significant figures (default: 55 15 25 65 40).")
    List<Double> roundingWeights = D.roundingSigfigWeights();

    /** The parameters, checked (an IllegalArgumentException names the bad one). */
    TumbleParameters parameters() {
        return D.withMakerCounts(makerCount.get(0), makerCount.get(1), minMakerCount)
                .withTxCounts(mixdepthCount, txCount.get(0), txCount.get(1), minTxCount)
                .withWaits(timeLambda, stage1Factor, D.liquidityWaitSeconds())
                .withAmounts(D.minCjAmountSats(), roundingChance, roundingWeights);
    }

    /**
     * The tumble for {@code wallet} (synced): from the schedule file, or a new plan over its
     * balances. Addresses are checked against the wallet's network.
     */
    TumbleState tumble(Wallet wallet, Instant now) throws IOException {
        for (String d : destinations) {
            check(wallet, d).ifPresent(why -> {
                throw new ConfigException("--destination " + d + ": " + why);
            });
        }
        List<StepState> steps;
        List<String> dests;
        if (scheduleFile != null) {
            List<ScheduleFile.Line> lines = ScheduleFile.read(scheduleFile, a -> check(wallet, a));
            Iterator<String> asked = destinations.iterator();
            steps = new ArrayList<>();
            for (ScheduleFile.Line l : lines) {
                ScheduleEntry e = l.entry();
                if (e.destination().equals(ScheduleFile.ADDRASK)) {
                    if (!asked.hasNext()) {
                        throw new ConfigException(scheduleFile + " has more addrask entries than --destination "
                                + "addresses (" + destinations.size() + ")");
                    }
                    e = e.withDestination(asked.next());
                }
                StepState st = StepState.planned(e);
                steps.add(switch (l.completion()) {
                    case PENDING -> st;
                    case DONE -> st.confirmed(now);
                    case BROADCAST -> st.sent(l.txid().orElseThrow(), Optional.empty());
                });
            }
            dests = steps.stream().map(x -> x.entry().destination()).filter(d -> !d.equals(ScheduleEntry.INTERNAL))
                    .distinct().toList();
        } else {
            Map<Integer, Long> balances = new TreeMap<>();
            wallet.balances().forEach(b -> balances.put(b.mixdepth(), b.total().value()));
            List<ScheduleEntry> plan = new PlanGenerator(parameters(), new SecureRandom()).generate(destinations,
                    balances, wallet.mixdepths());
            steps = plan.stream().map(StepState::planned).toList();
            dests = destinations;
        }
        return new TumbleState(wallet.name(), now, dests, steps, Optional.empty());
    }

    private static Optional<String> check(Wallet wallet, String address) {
        try {
            wallet.parseAddress(address);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }
}
