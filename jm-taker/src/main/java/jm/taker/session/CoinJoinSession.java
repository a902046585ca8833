package jm.taker.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import jm.chain.ChainBackend;
import jm.core.Nick;
import jm.core.Sats;
import jm.core.command.Cancel;
import jm.core.command.ErrorCommand;
import jm.core.command.IoAuth;
import jm.core.command.OfferCommand;
import jm.core.command.PrivateCommand;
import jm.core.command.PubKey;
import jm.core.command.PublicCommand;
import jm.core.command.Sig;
import jm.core.command.TBond;
import jm.taker.offer.MakerOffer;
import jm.taker.podle.UsedCommitmentStore;
import jm.taker.tx.CoinJoinPlan;
import jm.taker.tx.CoinJoinTransaction;
import jm.taker.verify.IoAuthVerdict;
import org.bitcoinj.base.Sha256Hash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CoinJoin from the taker's side (PROTOCOL.md 9): the facade that sequences its phases,
 * each an object of its own: {@link OrderbookPhase} (pre-flight, orderbook, the terms),
 * {@link FillAuthPhase} (fill/auth rounds and replacements), {@link TxSigPhase} (the transaction
 * and its signatures), {@link Broadcaster} (broadcast and confirmation); the makers' state is in
 * {@link MakerRoster}, the phase, progress and every timeout (on the injected clock) in
 * {@link SessionFlow} ({@link PhaseMachine}, {@link Timers}). Every state change runs on the single-threaded
 * {@code executor} given to it (inbound messages hop onto it), so the session needs no locks.
 * Every failure unlocks our coins and completes the report, naming the phase it happened in.
 */
public final class CoinJoinSession {
    private static final Logger LOG = LoggerFactory.getLogger(CoinJoinSession.class);

    private final SessionParts c;
    private final SessionFlow flow;
    private final MakerRoster roster;
    private final OrderbookPhase orderbook;
    private final FillAuthPhase fillAuth;
    private final CompletableFuture<CoinJoinReport> result = new CompletableFuture<>();
    private List<OwnCoin> ourCoins = List.of();
    private TakerTerms terms;
    private TxSigPhase txSig;
    private Broadcaster broadcaster;

    /** Collaborators, passed by constructor; no self-CoinJoin state files (see the other constructor). */
    public CoinJoinSession(TakerConfig cfg, CoinJoinRequest req, TakerMessenger net, ChainBackend chain,
            TakerWallet wallet, UsedCommitmentStore usedCommitments, ScheduledExecutorService executor, Random rng,
            SecureRandom secureRandom, Clock clock, ProgressListener progress) {
        this(cfg, req, net, chain, wallet, usedCommitments, executor, rng, secureRandom, clock, progress,
                OwnNicks.none());
    }

    /**
     * Collaborators, passed by constructor. {@code ownNicks} is the self-CoinJoin guard: the nick
     * of our own maker read from it at start is never selected (like {@link TakerConfig#ownNicks()}),
     * and our nick is written to its {@code taker.nick} until the session ends.
     */
    public CoinJoinSession(TakerConfig cfg, CoinJoinRequest req, TakerMessenger net, ChainBackend chain,
            TakerWallet wallet, UsedCommitmentStore usedCommitments, ScheduledExecutorService executor, Random rng,
            SecureRandom secureRandom, Clock clock, ProgressListener progress, OwnNicks ownNicks) {
        this.flow = new SessionFlow(net.ownNick(), progress, this::fail, executor, clock);
        this.roster = new MakerRoster(cfg.ownNicks(), flow::note);
        this.c = new SessionParts(cfg, req, net, chain, wallet, usedCommitments, executor, rng, secureRandom, clock,
                Objects.requireNonNull(ownNicks, "ownNicks"), flow, roster);
        this.orderbook = new OrderbookPhase(c, this::chosen);
        this.fillAuth = new FillAuthPhase(c, orderbook::offers, this::authorised);
    }

    /** Starts the CoinJoin; the future completes with the report (never exceptionally). */
    public CompletableFuture<CoinJoinReport> start() {
        c.executor().execute(flow.guarded(() -> {
            c.ownNicks().markTaker(c.net().ownNick());
            orderbook.begin();
        }));
        return result;
    }

    /**
     * Aborts (e.g. the user pressed Ctrl-C): coins are unlocked, the report says why. While only
     * waiting for the confirmation of a broadcast transaction it just stops waiting: the report is
     * a success with the confirmations seen so far.
     */
    public void abort(String reason) {
        c.executor().execute(() -> {
            if (flow.in(Phase.CONFIRMATION)) {
                // the transaction is out: stopping the wait loses nothing, and its coins stay spent
                flow.note("stopped waiting for a confirmation (" + reason + ")");
                succeed(broadcaster.confirmations());
            } else {
                fail("aborted: " + reason);
            }
        });
    }

    /**
     * Ends the orderbook wait now instead of after {@code order_wait_time}, e.g. once every maker a
     * caller expects has answered. Offers already queued on the session are taken into account;
     * does nothing outside the orderbook phase.
     */
    public void endOrderbookWait() {
        c.executor().execute(flow.guarded(orderbook::end));
    }

    public CompletableFuture<CoinJoinReport> result() {
        return result;
    }

    /**
     * When the session's earliest pending timeout or poll falls due on its clock (empty when none
     * is pending), read on the session thread: lets a driver of a fake clock jump to it.
     */
    CompletableFuture<Optional<Instant>> nextDeadline() {
        return CompletableFuture.supplyAsync(flow.timers()::nextDue, c.executor());
    }

    /** Inbound: verified private commands from a maker (any channel; duplicates are fine). */
    public void onPrivate(Nick from, List<PrivateCommand> commands) {
        c.executor().execute(flow.guarded(() -> handlePrivate(from, commands)));
    }

    /** Inbound: public commands (offer announcements, cancels). */
    public void onPublic(Nick from, List<PublicCommand> commands) {
        c.executor().execute(flow.guarded(() -> handlePublic(from, commands)));
    }

    private void handlePublic(Nick from, List<PublicCommand> commands) {
        if (flow.finished()) {
            return;
        }
        for (PublicCommand pc : commands) {
            if (pc instanceof OfferCommand oc) {
                orderbook.addOffer(from, oc);
            } else if (pc instanceof Cancel cancel) {
                orderbook.cancel(from, cancel.oid());
            }
        }
    }

    /** Each command to the phase object that handles it; they ignore what is not for their phase. */
    private void handlePrivate(Nick from, List<PrivateCommand> commands) {
        for (PrivateCommand pc : commands) {
            if (flow.finished()) {
                return;
            }
            if (pc instanceof OfferCommand oc) {
                orderbook.addOffer(from, oc);
            } else if (pc instanceof TBond tb) {
                orderbook.checkBond(from, tb);
            } else if (pc instanceof PubKey pk) {
                fillAuth.onPubKey(from, pk);
            } else if (pc instanceof IoAuth io) {
                fillAuth.onIoAuth(from, io);
            } else if (pc instanceof Sig sig && txSig != null) {
                txSig.onSig(from, sig);
            } else if (pc instanceof ErrorCommand err) {
                fillAuth.onError(from, err);
            }
        }
    }

    // ------------------------------------------------------------------ sequencing

    /** ORDERBOOK is over: our coins are reserved, the first fill round starts. */
    private void chosen(TakerTerms settled, List<MakerOffer> makers) {
        terms = settled;
        ourCoins = settled.ourCoins();
        c.wallet().lock(settled.outpoints(), "taker-" + c.net().ownNick());
        fillAuth.start(settled, makers);
    }

    /** Enough makers passed {@code !ioauth}: build and send the transaction. */
    private void authorised() {
        txSig = new TxSigPhase(c, this::restartAttempt, this::signed);
        txSig.build(terms);
    }

    /** Every input is signed: broadcast. */
    private void signed(CoinJoinTransaction tx) {
        List<Nick> makers = roster.accepted().stream().map(IoAuthVerdict.Accepted::maker).toList();
        broadcaster = new Broadcaster(c, tx, this::succeed);
        broadcaster.start(makers);
    }

    /**
     * The signed-for transaction is dead: start a new fill round with fresh makers (SIG -> FILL).
     * A sweep is not retried: it fails here, in SIG, as does a round that finds no replacements.
     */
    private void restartAttempt(String why) {
        txSig = null;
        roster.endAttempt();
        if (c.req().sweep()) {
            fail(why + "; a sweep is not retried with other makers");
            return;
        }
        fillAuth.replaceOrFail(why);
    }

    // ------------------------------------------------------------------ endings

    private void succeed(int confirmations) {
        flow.timers().cancelAll();
        CoinJoinPlan plan = broadcaster.transaction().plan();
        Sha256Hash txid = broadcaster.transaction().transaction().getTxId();
        c.ownNicks().clearTaker(c.net().ownNick());
        flow.enter(Phase.DONE, "CoinJoin " + txid + " done (" + confirmations + " confirmations)");
        result.complete(new CoinJoinReport(true, Optional.empty(), Optional.empty(), Optional.of(txid),
                orderbook.amount(), plan.makerFees(), plan.miningFee(), plan.totalCost(), confirmations,
                roster.dropped(), fillAuth.rounds()));
    }

    private void fail(String reason) {
        if (flow.finished()) {
            return;
        }
        Phase failedIn = flow.current();
        flow.timers().cancelAll();
        try {
            c.wallet().unlock(ourCoins.stream().map(OwnCoin::outpoint).toList());
        } catch (RuntimeException e) {
            LOG.warn("{} could not unlock coins: {}", c.net().ownNick(), e.toString());
        }
        c.ownNicks().clearTaker(c.net().ownNick());
        flow.enter(Phase.FAILED, reason);
        Optional<Sha256Hash> txid = txSig == null ? Optional.empty() : txSig.txid();
        result.complete(new CoinJoinReport(false, Optional.of(failedIn), Optional.of(reason), txid,
                orderbook.amount(), Map.of(), Sats.ZERO, Sats.ZERO, 0, roster.dropped(), fillAuth.rounds()));
    }
}
