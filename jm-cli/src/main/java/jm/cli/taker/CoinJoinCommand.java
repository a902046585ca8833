package jm.cli.taker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import jm.chain.ChainBackend;
import jm.cli.common.CommandRun;
import jm.cli.common.ConfigException;
import jm.cli.common.ConfiguredCommand;
import jm.cli.common.JmConfig;
import jm.cli.common.ParticipantOptions;
import jm.cli.common.ShutdownHook;
import jm.cli.common.StartConfirmation;
import jm.core.Network;
import jm.core.Sats;
import jm.net.transport.Endpoint;
import jm.net.transport.SocksProxy;
import jm.taker.adapter.WalletTakerAdapter;
import jm.taker.client.CoinJoinHandle;
import jm.taker.client.DirectoryUnreachableException;
import jm.taker.client.TakerClient;
import jm.taker.podle.CommitmentChooser;
import jm.taker.podle.FileUsedCommitmentStore;
import jm.taker.session.CoinJoinReport;
import jm.taker.session.CoinJoinRequest;
import jm.taker.session.Preflight;
import jm.taker.session.TakerConfig;
import jm.wallet.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jm taker coinjoin}: one CoinJoin from a mixdepth. Checks the mixdepth before any
 * network work, then collects offers, fills makers, builds, signs and broadcasts, printing
 * progress per phase and a final summary ({@code --json} for scripts).
 */
@Command(name = "coinjoin", mixinStandardHelpOptions = true,
        description = {"Run one CoinJoin from a mixdepth of your wallet.",
                "It spends --amount SATS (0 sweeps the mixdepth) from --mixdepth N to --destination ADDRESS, or to "
                        + "INTERNAL, a fresh address of the next mixdepth.",
                "Settings: [taker] in config.toml (max_cj_fee_abs, max_cj_fee_rel, minimum_makers, tx_fees, ...), "
                        + "[network] directory_servers, [tor] socks_host and socks_port, and [bitcoin] rpc_* as for "
                        + "jm wallet. Every key is described in docs/configuration.md."})
public final class CoinJoinCommand extends ConfiguredCommand {
    static final ObjectMapper JSON = new ObjectMapper();
    /** How long Ctrl-C waits for the session to end before releasing its coins itself. */
    static final Duration SHUTDOWN_WAIT = TakerClient.STOP_WAIT.plusSeconds(10);
    /** How long the taker waits for a directory to accept it when none answers at all. */
    static final Duration DIRECTORY_WAIT = Duration.ofSeconds(90);

    @Option(names = "--amount", paramLabel = "SATS", required = true,
            description = "CoinJoin amount in satoshis; 0 sweeps the whole mixdepth (no change).")
    long amount;

    @Option(names = {"-m", "--mixdepth"}, paramLabel = "N", required = true, description = "Mixdepth to spend from.")
    int mixdepth;

    @Option(names = "--destination", paramLabel = "ADDRESS|INTERNAL", defaultValue = "INTERNAL",
            description = "Where the CoinJoin output goes (default: ${DEFAULT-VALUE}, the next mixdepth).")
    String destination;

    @Option(names = {"-N", "--counterparties"}, paramLabel = "N",
            description = "Number of makers (default: [taker] counterparty_count, else random 8..10).")
    Integer counterparties;

    @Mixin
    StartConfirmation start;

    @Option(names = "--json", description = "Print the final summary as JSON (progress goes to stderr).")
    boolean json;

    @Mixin
    ParticipantOptions participant;

    @Option(names = "--order-wait", paramLabel = "SECONDS", description = "Override [taker] order_wait_time.")
    Long orderWait;

    @Option(names = "--no-wait", description = "Do not wait for a confirmation after the broadcast (default: wait "
            + "up to [taker] confirmation_timeout_sec, 1800 s). Ctrl-C during that wait also only stops waiting.")
    boolean noWait;

    @Override
    protected int execute(PrintWriter out, PrintWriter err) throws InterruptedException {
        if (amount < 0) {
            throw new ConfigException("--amount must be 0 (sweep) or positive");
        }
        JmConfig config = common.config();
        Path dataDir = common.dataDir();
        // every setting that can be checked is checked here, before the wallet, the node or the network
        List<Endpoint> dirs = participant.directories(config);
        Optional<SocksProxy> socks = participant.socks(config);
        OptionalInt wanted = TakerSettings.counterparties(config, counterparties);
        checkCounterparties(config, wanted, TakerSettings.read(config, Network.MAINNET).minimumMakers());
        try (Wallet wallet = participant.openWallet(dataDir, config, common.env())) {
            return execute(out, err, config, dataDir, wallet, dirs, socks, wanted);
        }
    }

    private int execute(PrintWriter out, PrintWriter err, JmConfig config, Path dataDir, Wallet wallet,
            List<Endpoint> dirs, Optional<SocksProxy> socks, OptionalInt wanted) throws InterruptedException {
        CommandRun.noteReleased(wallet, err);
        Network network = wallet.config().network();
        TakerConfig takerConfig = TakerSettings.read(config, network);
        if (orderWait != null || noWait) {
            takerConfig = takerConfig.withTimeouts(
                    orderWait != null ? Duration.ofSeconds(orderWait) : takerConfig.orderWaitTime(),
                    takerConfig.makerTimeout(), takerConfig.broadcastTimeout(),
                    noWait ? Duration.ZERO : takerConfig.confirmationTimeout());
        }
        Optional<String> dest = "INTERNAL".equalsIgnoreCase(destination) ? Optional.empty() : Optional.of(destination);
        if (dest.isPresent()) {
            wallet.parseAddress(dest.get()); // fails with a clear message for a wrong-network address
        }
        CoinJoinRequest request = new CoinJoinRequest(Sats.of(amount), mixdepth, dest, wanted);
        PrintWriter progressOut = json ? err : out;
        try (ChainBackend chain = participant.connect(config, wallet, dataDir)) {
            progressOut.println("syncing wallet '" + wallet.name() + "'");
            progressOut.flush();
            wallet.sync(chain);
            WalletTakerAdapter takerWallet = new WalletTakerAdapter(wallet);
            FileUsedCommitmentStore used = TakerSettings.usedCommitments(dataDir, wallet.name());
            Optional<String> problem = Preflight.check(request, takerWallet.mixdepths(),
                    takerWallet.coins(mixdepth), Preflight.minimumFee(takerConfig.miningFee()),
                    new CommitmentChooser(takerConfig.podle()), (u, i) -> takerWallet.commitment(u, i).toHex(), used);
            if (problem.isPresent()) {
                return report(out, err, failureReport(problem.get()));
            }
            if (!start.confirmed(common.context().stdin(), progressOut, question(request, takerConfig))) {
                progressOut.println("cancelled");
                return 1;
            }
            return runCoinJoin(out, err, progressOut, config, network, chain, wallet, takerWallet, used, request,
                    takerConfig, dirs, socks);
        }
    }

    private int runCoinJoin(PrintWriter out, PrintWriter err, PrintWriter progressOut, JmConfig config,
            Network network, ChainBackend chain, Wallet ownWallet, WalletTakerAdapter wallet, FileUsedCommitmentStore used,
            CoinJoinRequest request, TakerConfig takerConfig, List<Endpoint> dirs, Optional<SocksProxy> socks)
            throws InterruptedException {
        TakerClient.Settings settings = TakerSettings.client(config, network, dirs, socks, common.dataDir(),
                DIRECTORY_WAIT, notice -> say(progressOut, notice));
        String announced = settings.channel().network();
        TakerClient client = new TakerClient(settings, wallet, chain, used, new SecureRandom(), Clock.systemUTC());
        ShutdownHook hook = ShutdownHook.install("taker-shutdown", () -> stopOnSignal(client, ownWallet));
        try {
            say(progressOut, "connecting to " + plural(dirs.size(), "directory", "directories") + " as "
                    + client.nick() + ", announcing network " + announced);
            try {
                client.start().get();
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                return report(out, err, failureReport(cause instanceof DirectoryUnreachableException u
                        ? u.getMessage() + (u.refused() ? "" : reasons(u.reasons()))
                        : "no directory accepted us: " + cause.getMessage()));
            }
            CoinJoinHandle running = client.coinJoin(request, takerConfig, (phase, msg) -> {
                synchronized (progressOut) {
                    progressOut.println("[" + phase.name().toLowerCase(java.util.Locale.ROOT) + "] " + msg);
                    if (phase == jm.taker.session.Phase.CONFIRMATION && msg.endsWith("is in the mempool")) {
                        confirmationNote(takerConfig.confirmationTimeout()).ifPresent(progressOut::println);
                    }
                    progressOut.flush();
                }
            });
            CoinJoinReport r;
            try {
                r = running.result().get();
            } catch (java.util.concurrent.ExecutionException e) {
                r = failureReport("internal error: " + e.getCause());
            } finally {
                ownWallet.releaseUnsigned(); // the session has ended: nothing of ours may stay reserved unsigned
            }
            return report(out, err, r);
        } finally {
            awaitStopped(client.stop());
            hook.close();
        }
    }

    private static void say(PrintWriter progressOut, String line) {
        synchronized (progressOut) {
            progressOut.println(line);
            progressOut.flush();
        }
    }

    /**
     * Ctrl-C or SIGTERM: stop the client (which cancels the CoinJoin), wait (bounded) until it has
     * ended and released its coins, then release whatever reservation signed nothing, before the
     * JVM exits. Coins signed into a transaction stay reserved: that transaction may still confirm.
     */
    static void stopOnSignal(TakerClient client, Wallet wallet) {
        awaitStopped(client.stop("interrupted (Ctrl-C or SIGTERM)"));
        try {
            wallet.releaseUnsigned();
        } catch (RuntimeException e) {
            // the command's own path released them and closed the wallet first
        }
    }

    private static void awaitStopped(java.util.concurrent.Future<Void> stopping) {
        try {
            stopping.get(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // released below either way
        }
    }

    /** What the user sees when the wait for a confirmation starts (nothing when there is none). */
    static Optional<String> confirmationNote(Duration timeout) {
        if (timeout.isZero()) {
            return Optional.empty();
        }
        return Optional.of("waiting up to " + timeout.toSeconds() + " s for the first confirmation. The CoinJoin is "
                + "broadcast: Ctrl-C now only stops waiting and loses nothing (--no-wait skips this wait).");
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static CoinJoinReport failureReport(String reason) {
        return new CoinJoinReport(false, Optional.of(jm.taker.session.Phase.PREFLIGHT), Optional.of(reason),
                Optional.empty(), Sats.ZERO, Map.of(), Sats.ZERO, Sats.ZERO, 0, Map.of(), 0);
    }

    private int report(PrintWriter out, PrintWriter err, CoinJoinReport r) {
        if (json) {
            out.println(toJson(r).toString());
        } else if (r.success()) {
            r.summary().forEach(out::println);
        } else {
            r.summary().forEach(err::println);
        }
        return r.success() ? 0 : 1;
    }

    static ObjectNode toJson(CoinJoinReport r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("success", r.success());
        r.failedPhase().ifPresent(p -> o.put("failed_phase", p.name().toLowerCase(java.util.Locale.ROOT)));
        r.failure().ifPresent(f -> o.put("error", f));
        r.txid().ifPresent(t -> o.put("txid", t.toString()));
        o.put("amount", r.amount().value());
        ObjectNode fees = o.putObject("maker_fees");
        r.makerFees().forEach((n, f) -> fees.put(n.value(), f.value()));
        o.put("mining_fee", r.miningFee().value());
        o.put("total_cost", r.totalCost().value());
        o.put("confirmations", r.confirmations());
        ObjectNode dropped = o.putObject("dropped_makers");
        r.dropped().forEach((n, why) -> dropped.put(n.value(), why));
        o.put("attempts", r.attempts());
        return o;
    }

    private static String question(CoinJoinRequest req, TakerConfig c) {
        return "CoinJoin " + (req.sweep() ? "sweep of mixdepth " + req.mixdepth() : req.amount().value()
                + " sats from mixdepth " + req.mixdepth()) + " to " + req.destination().orElse("INTERNAL") + " with "
                + (req.counterparties().isPresent() ? req.counterparties().getAsInt() : "8-10") + " makers; fee limits "
                + c.selection().feeLimits().maxAbs().value() + " sats / " + c.selection().feeLimits().maxRel().toPlainString()
                + " per maker. Continue? [y/N]";
    }

    /**
     * Asking for fewer makers than {@code minimum_makers} could only fail after the orderbook
     * wait (the reference refuses it at start too).
     */
    private void checkCounterparties(JmConfig config, OptionalInt wanted, int minimumMakers) {
        if (wanted.isPresent() && wanted.getAsInt() < minimumMakers) {
            String asked = counterparties != null ? "-N/--counterparties " + counterparties
                    : "[taker] counterparty_count " + wanted.getAsInt() + " (from "
                    + config.source("taker", "counterparty_count").orElse("default") + ")";
            throw new ConfigException(asked + " is below [taker] minimum_makers = " + minimumMakers + " (from "
                    + config.source("taker", "minimum_makers").orElse("default") + "): ask for at least "
                    + minimumMakers + " makers, or lower minimum_makers");
        }
    }

    /** "; x.onion:5222: <why>" for each directory whose last attempt failed (Tor's reason in words). */
    public static String reasons(java.util.Map<String, String> failures) {
        StringBuilder b = new StringBuilder();
        failures.forEach((dir, why) -> b.append("; ").append(dir).append(": ").append(why));
        return b.toString();
    }
}
