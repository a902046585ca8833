package jm.tumbler.taker;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import jm.chain.ChainBackend;
import jm.chain.TransactionRejectedException;
import jm.core.Sats;
import jm.taker.client.CoinJoinHandle;
import jm.taker.client.TakerClient;
import jm.taker.session.CoinJoinReport;
import jm.taker.session.CoinJoinRequest;
import jm.taker.session.Phase;
import jm.taker.session.ProgressListener;
import jm.taker.session.TakerConfig;
import jm.wallet.Wallet;
import org.bitcoinj.base.Sha256Hash;

/**
 * The tumbler's {@code CoinJoinPort} over {@link TakerClient}: the same taker code as
 * {@code jm taker coinjoin} (maker selection, replacement of makers that drop out, fee limits,
 * broadcast policy). Each CoinJoin gets a client of its own, so a fresh nick and connection:
 * makers cannot link the tumble's CoinJoins by our nick, and their one-{@code !orderbook}-per-30-s
 * limit per connection never holds a step back. The wallet is synced before every balance and CoinJoin; the txid is handed
 * to the tumbler from {@link ProgressListener#onTransaction}, on the session thread, before any
 * signature is asked for. Each CoinJoin's session does not wait for the confirmation: the
 * tumbler does.
 */
public final class TakerClientCoinJoins implements jm.tumbler.run.CoinJoinPort {
    /** How long a stopped tumble waits for the CoinJoin in progress to end and release its coins. */
    static final Duration CANCEL_WAIT = Duration.ofSeconds(15);

    private final java.util.function.Supplier<TakerClient> clients;
    private final Wallet wallet;
    private final ChainBackend chain;
    private final TakerConfig config;
    private final Consumer<String> progress;

    /**
     * @param clients  a new, not yet started client per CoinJoin
     * @param config   the taker settings; its confirmation timeout is ignored (no wait)
     * @param progress the taker's progress lines ("[phase] message")
     */
    public TakerClientCoinJoins(java.util.function.Supplier<TakerClient> clients, Wallet wallet, ChainBackend chain, TakerConfig config,
            Consumer<String> progress) {
        this.clients = Objects.requireNonNull(clients);
        this.wallet = Objects.requireNonNull(wallet);
        this.chain = Objects.requireNonNull(chain);
        this.config = config.withTimeouts(config.orderWaitTime(), config.makerTimeout(), config.broadcastTimeout(),
                Duration.ZERO);
        this.progress = progress;
    }

    @Override
    public long balance(int mixdepth) {
        wallet.sync(chain);
        return wallet.balance(mixdepth).total().value();
    }

    @Override
    public Outcome coinJoin(Request r, BeforeBroadcast beforeBroadcast) throws InterruptedException {
        wallet.sync(chain);
        try (TakerClient client = clients.get()) {
            progress.accept("  connecting to the market as " + client.nick());
            try {
                client.start().get();
            } catch (ExecutionException e) {
                return new Failed("no directory accepted us: " + e.getCause().getMessage());
            }
            return coinJoin(client, r, beforeBroadcast);
        }
    }

    private Outcome coinJoin(TakerClient client, Request r, BeforeBroadcast beforeBroadcast)
            throws InterruptedException {
        CoinJoinRequest request = new CoinJoinRequest(Sats.of(r.amountSats()), r.mixdepth(), r.destination(),
                OptionalInt.of(r.makerCount()));
        CoinJoinHandle handle = client.coinJoin(request, config, new ProgressListener() {
            @Override
            public void onProgress(Phase phase, String message) {
                progress.accept("  [" + phase.name().toLowerCase(java.util.Locale.ROOT) + "] " + message);
            }

            @Override
            public void onTransaction(Sha256Hash txid) {
                beforeBroadcast.built(txid.toString(), Optional.empty());
            }
        });
        CoinJoinReport report;
        try {
            report = handle.result().get();
        } catch (InterruptedException e) {
            handle.cancel("the tumble was stopped");
            try {
                handle.result().get(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException | InterruptedException ignored) {
                // released below either way
            }
            throw e;
        } catch (ExecutionException e) {
            return new Failed("internal error: " + e.getCause());
        } finally {
            wallet.releaseUnsigned(); // the session has ended: nothing of ours may stay reserved unsigned
        }
        if (report.success() && report.txid().isPresent()) {
            return new Sent(report.txid().get().toString(), report.amount().value(), report.totalCost().value());
        }
        return new Failed(report.failedPhase().map(p -> p.name().toLowerCase(java.util.Locale.ROOT) + ": ").orElse("")
                + report.failure().orElse("unknown"));
    }

    @Override
    public Optional<Integer> confirmations(String txid) {
        return chain.getConfirmations(Sha256Hash.wrap(txid));
    }

    @Override
    public Optional<String> rebroadcast(String rawTxHex) {
        try {
            chain.broadcast(HexFormat.of().parseHex(rawTxHex));
            return Optional.empty();
        } catch (TransactionRejectedException e) {
            return Optional.of(e.reason());
        }
    }
}
