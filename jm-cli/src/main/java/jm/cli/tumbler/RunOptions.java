package jm.cli.tumbler;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jm.chain.ChainBackend;
import jm.cli.common.CommandRun;
import jm.cli.common.CommonOptions;
import jm.cli.common.ConfigException;
import jm.cli.common.JmConfig;
import jm.cli.common.ParticipantOptions;
import jm.cli.common.ShutdownHook;
import jm.cli.taker.TakerSettings;
import jm.core.Network;
import jm.net.transport.Endpoint;
import jm.net.transport.SocksProxy;
import jm.taker.adapter.WalletTakerAdapter;
import jm.taker.client.TakerClient;
import jm.taker.session.TakerConfig;
import jm.tumbler.run.TumbleExecutor;
import jm.tumbler.run.TumbleReport;
import jm.tumbler.run.TumbleRun;
import jm.tumbler.run.Waits;
import jm.tumbler.state.TumbleState;
import jm.tumbler.state.TumbleStateStore;
import jm.tumbler.taker.TakerClientCoinJoins;
import jm.wallet.Wallet;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code jm tumbler run} and {@code resume} share: the wallet, market and node options, and
 * running a tumble from its state file through a {@link TakerClient} until it finishes, a step
 * fails too often, or Ctrl-C / SIGTERM stops it (the state is kept; {@code resume} continues).
 */
public final class RunOptions {
    /** How long Ctrl-C waits for the CoinJoin in progress to end before the process exits. */
    static final Duration STOP_WAIT = Duration.ofSeconds(30);
    static final Duration DIRECTORY_WAIT = Duration.ofSeconds(90);

    @Mixin
    ParticipantOptions participant;

    @Option(names = "--json", description = "Print the final report as JSON (progress goes to stderr).")
    boolean json;

    @Option(names = "--max-attempts", paramLabel = "N",
            description = "CoinJoins tried for one step before the tumble stops (default: ${DEFAULT-VALUE}); resume "
                    + "tries again.")
    int maxAttempts = 10;

    @Option(names = {"-s", "--mincjamount"}, paramLabel = "SATS",
            description = "Smaller CoinJoin amounts are raised to this (default: ${DEFAULT-VALUE}).")
    long minCjAmount = jm.tumbler.plan.TumbleParameters.defaults().minCjAmountSats();

    @Option(names = {"-q", "--liquiditywait"}, paramLabel = "SECONDS",
            description = "Wait before retrying a failed CoinJoin (default: ${DEFAULT-VALUE}).")
    long liquidityWait = jm.tumbler.plan.TumbleParameters.defaults().liquidityWaitSeconds();

    @Option(names = "--poll-interval", paramLabel = "SECONDS",
            description = "How often the node is asked about a sent CoinJoin (default: ${DEFAULT-VALUE}).")
    double pollSeconds = 5;

    /** Builds or loads the tumble once the wallet is open and synced. */
    @FunctionalInterface
    interface StateSource {
        Optional<TumbleState> state(Wallet wallet, ChainBackend chain, TumbleStateStore store, PrintWriter progress)
                throws InterruptedException;
    }

    int execute(PrintWriter out, PrintWriter err, CommonOptions common, StateSource source)
            throws InterruptedException {
        if (maxAttempts < 1 || !(pollSeconds > 0) || minCjAmount < 0 || liquidityWait < 0) {
            throw new ConfigException("--max-attempts must be at least 1, --poll-interval positive, --mincjamount and "
                    + "--liquiditywait not negative");
        }
        JmConfig config = common.config();
        Path dataDir = common.dataDir();
        List<Endpoint> dirs = participant.directories(config);
        Optional<SocksProxy> socks = participant.socks(config);
        PrintWriter progress = json ? err : out;
        try (Wallet w = participant.openWallet(dataDir, config, common.env())) {
            CommandRun.noteReleased(w, err);
            Network network = w.config().network();
            TakerConfig takerConfig = TakerSettings.read(config, network);
            TumbleStateStore store = new TumbleStateStore(TumbleStateStore.fileFor(dataDir, w.name()));
            try (ChainBackend chain = participant.connect(config, w, dataDir)) {
                say(progress, "syncing wallet '" + w.name() + "'");
                w.sync(chain);
                Optional<TumbleState> state = source.state(w, chain, store, progress);
                if (state.isEmpty()) {
                    return 1;
                }
                TakerClient.Settings settings = TakerSettings.client(config, network, dirs, socks, dataDir,
                        DIRECTORY_WAIT, n -> say(progress, n));
                jm.taker.podle.FileUsedCommitmentStore used = TakerSettings.usedCommitments(dataDir, w.name());
                TakerClientCoinJoins port = new TakerClientCoinJoins(() -> new TakerClient(settings,
                        new WalletTakerAdapter(w), chain, used, new SecureRandom(), Clock.systemUTC()), w, chain,
                        takerConfig, line -> say(progress, line));
                TumbleExecutor executor = new TumbleExecutor(store, state.get(), port, Waits.system(Clock.systemUTC()),
                        new TumbleExecutor.Settings(minCjAmount, Duration.ofSeconds(liquidityWait), maxAttempts,
                                Duration.ofMillis(Math.round(pollSeconds * 1000)), takerConfig.minimumMakers(), 3),
                        line -> say(progress, line));
                return runUntilDone(out, err, common.context().stopLatch(), TumbleRun.start(executor, w.name()),
                        store);
            }
        }
    }

    private int runUntilDone(PrintWriter out, PrintWriter err, CountDownLatch stop, TumbleRun run,
            TumbleStateStore store) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        ShutdownHook hook = ShutdownHook.install("tumbler-shutdown", () -> {
            stop.countDown();
            try {
                ended.await(STOP_WAIT.toSeconds() + 5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        TumbleRun.Result result;
        try {
            while (true) {
                try {
                    result = run.result().get(200, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    if (stop.getCount() == 0) {
                        result = run.stop(STOP_WAIT);
                        break;
                    }
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } catch (TimeoutException e) {
            err.println("error: the tumble did not stop within " + STOP_WAIT.toSeconds() + " s");
            return 1;
        } finally {
            ended.countDown();
            hook.close();
        }
        return report(out, err, result, store);
    }

    private int report(PrintWriter out, PrintWriter err, TumbleRun.Result r, TumbleStateStore store) {
        if (json) {
            com.fasterxml.jackson.databind.node.ObjectNode o = TumbleReport.json(r.state());
            o.put("result", r.end().name().toLowerCase(java.util.Locale.ROOT));
            r.reason().ifPresent(x -> o.put("error", x));
            out.println(o.toString());
        } else {
            TumbleReport.lines(r.state()).forEach(out::println);
        }
        switch (r.end()) {
            case FINISHED -> say(json ? err : out, "tumble finished; its record stays in " + store.file());
            case STOPPED -> say(err, "tumble stopped; jm tumbler resume continues it");
            default -> say(err, "error: " + r.reason().orElse("?") + " (jm tumbler resume continues the tumble)");
        }
        return r.end() == TumbleRun.End.FINISHED ? 0 : 1;
    }

    static void say(PrintWriter p, String line) {
        synchronized (p) {
            p.println(line);
            p.flush();
        }
    }
}
