package jm.tumbler.run;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import jm.tumbler.plan.ScheduleEntry;
import jm.tumbler.state.StepState;
import jm.tumbler.state.StepStatus;
import jm.tumbler.state.TumbleState;
import jm.tumbler.state.TumbleStateStore;

/**
 * Runs a tumble's steps in order from its state file, saving the state before and after every
 * change, so that running it again after a crash at any point (also {@code kill -9}) neither
 * repeats a confirmed step nor loses a broadcast one:
 *
 * <ul>
 * <li>CONFIRMED steps are skipped;</li>
 * <li>a SENT step's txid (saved before broadcast) is looked up on the chain: known, it is waited for; unknown, its saved
 *     transaction is broadcast again; refused (or none saved), the step runs again;</li>
 * <li>a STARTED step had no transaction built yet (the txid is saved as soon as it is final,
 *     before any signature or broadcast), so nothing of it can be on the chain: it runs again;</li>
 * <li>the wait after a confirmation is saved as an instant, so a restart waits only what is left.</li>
 * </ul>
 *
 * A failed CoinJoin is retried after the liquidity wait, a sweep with one maker fewer (not below
 * {@code minimumMakers}), up to {@code maxAttempts} per step; then the run stops with the state
 * kept for {@code resume}.
 */
public final class TumbleExecutor {

    /**
     * @param minCjAmountSats    fraction amounts below this are raised to it
     * @param liquidityWait      wait before retrying a failed CoinJoin
     * @param maxAttempts        CoinJoins tried per step before the run stops
     * @param confirmationPoll   how often the chain is asked about a sent transaction
     * @param minimumMakers      retries of a sweep never ask for fewer makers than this
     * @param missingPolls       polls a sent transaction may be unknown to the node before it is
     *                           broadcast again (a peer's broadcast may take a moment to arrive)
     */
    public record Settings(long minCjAmountSats, Duration liquidityWait, int maxAttempts, Duration confirmationPoll,
            int minimumMakers, int missingPolls) {
        public Settings {
            Objects.requireNonNull(liquidityWait);
            Objects.requireNonNull(confirmationPoll);
            if (maxAttempts < 1 || minimumMakers < 1 || missingPolls < 1) {
                throw new IllegalArgumentException("attempts, minimum makers and missing polls must be >= 1");
            }
        }
    }

    /** Thrown out of {@link #run()} when a step failed {@code maxAttempts} times. */
    public static final class StepFailedException extends Exception {
        public StepFailedException(String message) {
            super(message);
        }
    }

    private final TumbleStateStore store;
    private final CoinJoinPort port;
    private final Waits waits;
    private final Settings settings;
    private final Consumer<String> progress;
    private volatile TumbleState state;

    public TumbleExecutor(TumbleStateStore store, TumbleState initial, CoinJoinPort port, Waits waits,
            Settings settings, Consumer<String> progress) {
        this.store = store;
        this.state = initial;
        this.port = port;
        this.waits = waits;
        this.settings = settings;
        this.progress = progress;
    }

    /** The latest state (also while running, from another thread). */
    public TumbleState state() {
        return state;
    }

    /**
     * Runs every step not yet confirmed.
     *
     * @return the final state, every step confirmed
     * @throws StepFailedException  a step failed {@code maxAttempts} times (state kept)
     * @throws InterruptedException stopped (state kept; {@code resume} continues)
     */
    public TumbleState run() throws InterruptedException, StepFailedException {
        int n = state.steps().size();
        for (int i = 0; i < n; i++) {
            runStep(i, n);
        }
        progress.accept("tumble finished: " + n + " of " + n + " CoinJoins confirmed");
        return state;
    }

    private void runStep(int i, int n) throws InterruptedException, StepFailedException {
        String label = "step " + (i + 1) + " of " + n;
        StepState s = state.step(i);
        if (s.status() == StepStatus.CONFIRMED) {
            return;
        }
        if (s.status() == StepStatus.SENT) {
            progress.accept(label + ": resuming: " + s.txid().orElseThrow() + " was sent, checking the chain");
            if (awaitConfirmation(i, label)) {
                return;
            }
        } else if (s.status() == StepStatus.STARTED) {
            progress.accept(label + ": resuming: the interrupted CoinJoin had signed nothing, running it again");
            save(state.withStep(i, state.step(i).failed("interrupted before any transaction was built")));
        }
        int tries = 0;
        while (true) {
            waitForTurn(label);
            StepState step = state.step(i);
            if (tries >= settings.maxAttempts()) {
                throw new StepFailedException(label + " failed " + tries + " times, last: "
                        + step.lastError().orElse("?") + "; the state is kept: jm tumbler resume tries again");
            }
            tries++;
            long base = baseBalance(i);
            ScheduleEntry e = step.entry();
            long amount = e.amount().resolve(base, e.rounding(), settings.minCjAmountSats());
            save(state.withStep(i, step.started(base, amount)));
            progress.accept(label + ": CoinJoin " + (amount == 0 ? "sweep of " + btc(port.balance(e.mixdepth()))
                    : btc(amount)) + " from mixdepth " + e.mixdepth() + " to " + describe(e) + " with "
                    + e.makerCount() + " makers" + (step.attempts() > 0 ? " (attempt " + (step.attempts() + 1) + ")"
                    : ""));
            CoinJoinPort.Outcome outcome = port.coinJoin(new CoinJoinPort.Request(e.mixdepth(), amount,
                    e.internal() ? Optional.empty() : Optional.of(e.destination()), e.makerCount()),
                    (txid, raw) -> save(state.withStep(i, state.step(i).sent(txid, raw))));
            if (outcome instanceof CoinJoinPort.Sent sent) {
                StepState now = state.step(i);
                if (now.status() != StepStatus.SENT || !now.txid().orElse("").equals(sent.txid())) {
                    now = now.sent(sent.txid(), Optional.empty());
                }
                save(state.withStep(i, now.withResult(sent.amountSats(), sent.costSats())));
                progress.accept(label + ": broadcast " + sent.txid() + " (" + btc(sent.amountSats()) + ", cost "
                        + sent.costSats() + " sats)");
                if (awaitConfirmation(i, label)) {
                    return;
                }
            } else {
                String why = ((CoinJoinPort.Failed) outcome).reason();
                Optional<String> built = state.step(i).status() == StepStatus.SENT ? state.step(i).txid()
                        : Optional.empty();
                if (built.isPresent() && port.confirmations(built.get()).isPresent()) {
                    // failed late (e.g. waiting for a peer's broadcast), yet the transaction is out
                    progress.accept(label + ": the CoinJoin reported a failure (" + why + ") but " + built.get()
                            + " is on the chain");
                    if (awaitConfirmation(i, label)) {
                        return;
                    }
                } else {
                    retryLater(i, label, why, tries);
                }
            }
        }
    }

    /** Records a failed attempt and sets the next try after the liquidity wait; sweeps ask for one maker fewer. */
    private void retryLater(int i, String label, String why, int tries) {
        StepState s = state.step(i).failed(why);
        ScheduleEntry e = s.entry();
        if (e.amount().sweep() && e.makerCount() > settings.minimumMakers()) {
            s = s.withEntry(e.withMakerCount(e.makerCount() - 1));
        }
        Instant at = waits.now().plus(settings.liquidityWait());
        save(state.withStep(i, s).withNextStepNotBefore(Optional.of(at)));
        progress.accept(label + ": CoinJoin failed (" + why + "); attempt " + tries + " of "
                + settings.maxAttempts() + (tries < settings.maxAttempts() ? ", next try in "
                + human(settings.liquidityWait()) : ""));
    }

    /**
     * Waits until the sent step confirms. Returns false when its transaction turned out not to be
     * on the chain and could not be broadcast again: the step is back to PLANNED.
     */
    private boolean awaitConfirmation(int i, String label) throws InterruptedException {
        StepState s = state.step(i);
        String txid = s.txid().orElseThrow();
        int missing = 0;
        boolean announced = false;
        while (true) {
            Optional<Integer> conf = port.confirmations(txid);
            if (conf.isPresent() && conf.get() >= 1) {
                Instant now = waits.now();
                TumbleState next = state.withStep(i, state.step(i).confirmed(now));
                boolean last = i == state.steps().size() - 1;
                Duration wait = minutes(s.entry().waitMinutes());
                next = next.withNextStepNotBefore(last ? Optional.empty() : Optional.of(now.plus(wait)));
                save(next);
                progress.accept(label + ": " + txid + " confirmed" + (last ? "" : "; next CoinJoin in "
                        + human(wait)));
                return true;
            }
            if (conf.isPresent()) {
                missing = 0;
                if (!announced) {
                    progress.accept(label + ": " + txid + " is in the mempool, waiting for a confirmation");
                    announced = true;
                }
            } else if (++missing >= settings.missingPolls()) {
                Optional<String> raw = state.step(i).rawTx();
                Optional<String> refused = raw.isPresent() ? port.rebroadcast(raw.get())
                        : Optional.of("no signed copy was kept");
                if (refused.isEmpty()) {
                    progress.accept(label + ": " + txid + " was not known to the node; broadcast it again");
                    missing = 0;
                } else {
                    String why = txid + " is not on the chain and could not be broadcast again (" + refused.get()
                            + ")";
                    progress.accept(label + ": " + why + "; running the step again");
                    save(state.withStep(i, state.step(i).failed(why)));
                    return false;
                }
            }
            waits.sleepUntil(waits.now().plus(settings.confirmationPoll()));
        }
    }

    private void waitForTurn(String label) throws InterruptedException {
        Optional<Instant> at = state.nextStepNotBefore();
        if (at.isPresent() && at.get().isAfter(waits.now())) {
            progress.accept(label + ": waiting " + human(Duration.between(waits.now(), at.get())) + " (until "
                    + at.get() + ")");
            waits.sleepUntil(at.get());
        }
    }

    /** The mixdepth's balance fixed at the start of its run of steps, as the reference does. */
    private long baseBalance(int i) throws InterruptedException {
        StepState s = state.step(i);
        if (s.baseBalance() >= 0) {
            return s.baseBalance();
        }
        if (i > 0) {
            StepState prev = state.step(i - 1);
            if (prev.entry().mixdepth() == s.entry().mixdepth() && prev.baseBalance() >= 0) {
                return prev.baseBalance();
            }
        }
        return port.balance(s.entry().mixdepth());
    }

    private void save(TumbleState s) {
        store.save(s);
        state = s;
    }

    private static String describe(ScheduleEntry e) {
        return e.internal() ? "the next mixdepth (INTERNAL)" : e.destination();
    }

    static Duration minutes(double m) {
        return Duration.ofMillis(Math.round(m * 60_000));
    }

    /** Satoshis as BTC with 8 decimals. */
    public static String btc(long sats) {
        return BigDecimal.valueOf(sats, 8).toPlainString() + " BTC";
    }

    /** "1 h 02 min", "3 min 07 s", "12 s", "0.4 s". */
    public static String human(Duration d) {
        long s = d.toSeconds();
        if (s >= 3600) {
            return String.format(java.util.Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        } else if (s >= 60) {
            return String.format(java.util.Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        } else if (s >= 10) {
            return s + " s";
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
