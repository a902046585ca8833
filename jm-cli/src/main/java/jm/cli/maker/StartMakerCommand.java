package jm.cli.maker;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jm.chain.ChainBackend;
import jm.cli.common.CommandRun;
import jm.cli.common.ConfiguredCommand;
import jm.cli.common.JmConfig;
import jm.cli.common.NetworkSettings;
import jm.cli.common.ParticipantOptions;
import jm.cli.common.ShutdownHook;
import jm.cli.common.TorSettings;
import jm.core.Network;
import jm.core.offer.Offer;
import jm.maker.bot.ChainMakerAdapter;
import jm.maker.bot.MakerBot;
import jm.maker.bot.MakerSettings;
import jm.maker.bot.WalletBondProofs;
import jm.maker.bot.WalletMakerAdapter;
import jm.net.channel.DirectServing;
import jm.net.channel.MessageChannelConfig;
import jm.net.tor.TorControlClient;
import jm.net.transport.Endpoint;
import jm.net.transport.NetRuntime;
import jm.net.transport.SocksProxy;
import jm.wallet.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jm maker start}: opens the wallet, syncs it, builds offers, connects to the directories,
 * serves direct connections (an ephemeral onion service in Tor mode, a local port otherwise) and
 * runs until interrupted; then withdraws the offers and removes the onion service.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Start the maker bot: offer coins for CoinJoins until Ctrl-C.",
                "Settings: [maker] in config.toml (offer_type, cj_fee_relative, cj_fee_absolute, "
                        + "tx_fee_contribution, min_size, dual_offers, merge_algorithm, taker_utxo_age, ...; the "
                        + "reference's ordertype, cjfee_r, cjfee_a, txfee_contribution and minsize are read too), "
                        + "[network] network and directory_servers, [tor] socks_host, socks_port, control_host and "
                        + "control_port, [bitcoin] rpc_* and [wallet] gap_limit.",
                "An environment variable SECTION__KEY (such as MAKER__CJ_FEE_ABSOLUTE) overrides the file, and "
                        + "flags override both. docs/configuration.md describes every key."})
public final class StartMakerCommand extends ConfiguredCommand {
    @Mixin
    ParticipantOptions participant;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Local mode: where to serve direct connections (default [maker] onion_serving_host/port, "
                    + "else 127.0.0.1:0 = any port).")
    String listen;

    @Option(names = "--tor-control", paramLabel = "HOST:PORT",
            description = "Tor mode: control port for the ephemeral onion service (default [tor] "
                    + "control_host/control_port, else 127.0.0.1:9051).")
    String torControl;

    @Option(names = "--tor-cookie", paramLabel = "FILE", description = "Tor control cookie file (default [tor] cookie_path).")
    Path torCookie;

    @Option(names = "--ordertype", paramLabel = "TYPE", description = "sw0reloffer or sw0absoffer.")
    String ordertype;

    @Option(names = "--cjfee-r", paramLabel = "FRACTION", description = "Relative fee, e.g. 0.00002.")
    String cjfeeR;

    @Option(names = "--cjfee-a", paramLabel = "SATS", description = "Absolute fee in sats.")
    Long cjfeeA;

    @Option(names = "--txfee-contribution", paramLabel = "SATS", description = "Our contribution to the mining fee.")
    Long txfeeContribution;

    @Option(names = "--minsize", paramLabel = "SATS", description = "Smallest CoinJoin amount we accept.")
    Long minsize;

    @Option(names = "--dual-offers", description = "Offer relative and absolute fees, split at their intersection.")
    Boolean dualOffers;

    @Option(names = "--merge-algorithm", paramLabel = "NAME", description = "default, gradual, greedy, greediest, random.")
    String mergeAlgorithm;

    @Option(names = "--taker-utxo-age", paramLabel = "N", description = "Confirmations of the taker's commitment UTXO.")
    Integer takerUtxoAge;

    @Option(names = "--taker-utxo-amtpercent", paramLabel = "PCT", description = "Its minimum value, %% of the amount.")
    Integer takerUtxoAmtpercent;

    @Option(names = "--taker-utxo-retries", paramLabel = "N", description = "PoDLE indices accepted.")
    Integer takerUtxoRetries;

    @Option(names = "--status-interval", paramLabel = "SECONDS", defaultValue = "300",
            description = "Print a status line this often (default: ${DEFAULT-VALUE}).")
    long statusInterval;

    @Option(names = "--run-for", paramLabel = "SECONDS", description = "Stop by itself after this long (scripts, tests).")
    Long runFor;

    MakerSettingsReader.Flags flags() {
        return new MakerSettingsReader.Flags(ordertype, cjfeeR, cjfeeA, txfeeContribution, minsize, dualOffers,
                mergeAlgorithm, takerUtxoAge, takerUtxoAmtpercent, takerUtxoRetries);
    }

    @Override
    protected int execute(PrintWriter out, PrintWriter err) throws InterruptedException {
        JmConfig config = common.config();
        Path dataDir = common.dataDir();
        // check every setting before the wallet (a password prompt), the node or the network
        participant.directories(config);
        MakerSettingsReader.read(config, flags(), "mainnet");
        MakerSettingsReader.mergeAlgorithm(config, flags());
        participant.tor(config, torControl, torCookie);
        MakerSettingsReader.serving(config, listen);
        try (Wallet wallet = participant.openWallet(dataDir, config, common.env())) {
            return run(out, err, config, dataDir, wallet);
        }
    }

    private int run(PrintWriter out, PrintWriter err, JmConfig config, Path dataDir, Wallet wallet)
            throws InterruptedException {
        CommandRun.noteReleased(wallet, out);
        Network network = wallet.config().network();
        NetworkSettings net = participant.network(config);
        String announced = net.announcedFor(network);
        MakerSettings settings = MakerSettingsReader.read(config, flags(), announced);
        var merge = MakerSettingsReader.mergeAlgorithm(config, flags());
        List<Endpoint> dirs = net.directoryEndpoints();
        TorSettings tor = participant.tor(config, torControl, torCookie);
        Optional<SocksProxy> socks = tor.socksProxy();
        InetSocketAddress bind = MakerSettingsReader.serving(config, listen);
        MessageChannelConfig mcc = NetworkSettings.channel(announced, dirs, socks);
        SecureRandom random = new SecureRandom();
        DirectServing serving = socks.isPresent() ? onionServing(tor, bind, random)
                : new DirectServing.Local(bind, bind.getHostString());

        try (ChainBackend chain = participant.connect(config, wallet, dataDir);
             NetRuntime runtime = NetRuntime.create(0, "jm-maker")) {
            out.println("syncing wallet '" + wallet.name() + "'");
            out.flush();
            wallet.sync(chain);
            MakerBot bot;
            try {
                bot = MakerBot.start(new MakerBot.Options(mcc, serving, Duration.ofSeconds(1), Duration.ofSeconds(60)),
                        settings, new WalletMakerAdapter(wallet, chain, merge, random), new ChainMakerAdapter(chain),
                        runtime, dataDir, new WalletBondProofs(wallet, chain, random), Clock.systemUTC(),
                        random)
                        .get(120, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                err.println("error: maker did not start: " + (e.getCause() == null ? e : e.getCause()).getMessage());
                return 1;
            }
            CountDownLatch done = common.context().stopLatch();
            ShutdownHook hook = ShutdownHook.install("maker-shutdown", () -> {
                stop(bot, wallet);
                done.countDown();
            });
            try {
                bot.channel().awaitDirectory().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof jm.net.channel.DirectoryRefusedException refused) {
                    // every directory refused us (another network, a location it does not accept, ...)
                    err.println("error: every directory refused us: " + refused.getMessage());
                    err.flush();
                    bot.close();
                    hook.close();
                    return 1;
                }
                err.println("warning: no directory accepted us yet; retrying in the background"
                        + jm.cli.taker.CoinJoinCommand.reasons(bot.channel().directoryFailures()));
            } catch (java.util.concurrent.TimeoutException e) {
                err.println("warning: no directory accepted us yet; retrying in the background"
                        + jm.cli.taker.CoinJoinCommand.reasons(bot.channel().directoryFailures()));
            }
            summary(out, bot, wallet, dirs, socks.isPresent());
            long deadline = runFor == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(runFor);
            long statusNanos = TimeUnit.SECONDS.toNanos(Math.max(1, statusInterval));
            while (!done.await(Math.min(statusNanos, Math.max(1, deadline - System.nanoTime())), TimeUnit.NANOSECONDS)) {
                if (System.nanoTime() >= deadline) {
                    break;
                }
                status(out, bot);
            }
            out.println("stopping: withdrawing offers, closing connections");
            out.flush();
            stop(bot, wallet);
            hook.close();
            out.println("maker " + bot.nick() + " stopped; CoinJoins signed: " + bot.signedTxids().size());
            return 0;
        }
    }

    /**
     * Stops the bot (bounded), then releases every reservation that signed nothing: no session of
     * this process runs any more. Coins signed into a CoinJoin stay reserved until it confirms or
     * can no longer confirm.
     */
    static void stop(MakerBot bot, Wallet wallet) {
        bot.close();
        wallet.releaseUnsigned();
    }

    private static void summary(PrintWriter out, MakerBot bot, Wallet wallet, List<Endpoint> dirs, boolean tor) {
        out.println("maker " + bot.nick() + " running (wallet '" + wallet.name() + "', chain "
                + wallet.config().network().wireName() + ")");
        List<Offer> offers = bot.offers().offers();
        if (offers.isEmpty()) {
            out.println("  offers: none - no mixdepth can fund the minimum size; fund the wallet");
        }
        for (Offer o : offers) {
            out.println("  offer: " + o.toWire());
        }
        out.println("  directories: " + dirs.stream().map(Endpoint::toString).toList() + " (live: "
                + bot.channel().liveDirectories().size() + ")");
        out.println("  direct connections: " + bot.location().toWire() + (tor ? " (onion service)" : " (local mode)"));
        out.println("press Ctrl-C to stop");
        out.flush();
    }

    private static void status(PrintWriter out, MakerBot bot) {
        List<Offer> offers = bot.offers().offers();
        out.println("status: " + offers.size() + " offer(s)"
                + (offers.isEmpty() ? "" : ", maxsize " + offers.get(offers.size() - 1).maxSize().value())
                + ", directories live " + bot.channel().liveDirectories().size()
                + ", CoinJoins signed " + bot.signedTxids().size());
        out.flush();
    }

    /** An ephemeral onion service in front of {@code target}, through the Tor control port of {@code tor}. */
    public static DirectServing onionServing(TorSettings tor, InetSocketAddress target, SecureRandom random) {
        InetSocketAddress control = tor.control();
        return new DirectServing.Onion(target, () -> {
            try {
                TorControlClient c = TorControlClient.connect(control, Duration.ofSeconds(30), random);
                c.authenticate(tor.auth());
                return c;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Tor control port " + control + ": " + e.getMessage(), e);
            }
        }, Optional.empty());
    }
}
