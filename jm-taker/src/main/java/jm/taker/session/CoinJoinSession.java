package jm.taker.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import jm.chain.ChainBackend;
import jm.chain.TxOutInfo;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.Sats;
import jm.core.command.Auth;
import jm.core.command.Cancel;
import jm.core.command.ErrorCommand;
import jm.core.command.Fill;
import jm.core.command.IoAuth;
import jm.core.command.IoAuthPayload;
import jm.core.command.OfferCommand;
import jm.core.command.PrivateCommand;
import jm.core.command.PubKey;
import jm.core.command.PublicCommand;
import jm.core.command.Push;
import jm.core.command.Sig;
import jm.core.command.SigPayload;
import jm.core.command.TBond;
import jm.core.command.Tx;
import jm.core.command.TxPayload;
import jm.core.crypto.BoxChannel;
import jm.core.crypto.BoxKeyPair;
import jm.core.podle.PodleCommitment;
import jm.core.podle.PodleRevelation;
import jm.core.podle.UtxoRef;
import jm.core.wire.Features;
import jm.taker.bond.BondVerifier;
import jm.taker.broadcast.BroadcastPolicy;
import jm.taker.fee.MiningFeePolicy;
import jm.taker.fee.SweepSolver;
import jm.taker.offer.MakerOffer;
import jm.taker.offer.Orderbook;
import jm.taker.podle.CommitmentChoice;
import jm.taker.podle.CommitmentChooser;
import jm.taker.podle.UsedCommitmentStore;
import jm.taker.selection.MakerSelector;
import jm.taker.tx.CoinJoinPlan;
import jm.taker.tx.CoinJoinTransaction;
import jm.taker.tx.SigVerdict;
import jm.taker.tx.SignatureCollector;
import jm.taker.verify.CoinJoinInput;
import jm.taker.verify.IoAuthClaim;
import jm.taker.verify.IoAuthVerdict;
import jm.taker.verify.IoAuthVerifier;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CoinJoin attempt from the taker's side, as a state machine (PROTOCOL.md 9): pre-flight,
 * orderbook, fill, auth, tx, sig, broadcast, confirmation. Every state change runs on the
 * single-threaded {@code executor} given to it (inbound messages hop onto it), so the session
 * needs no locks; timeouts are scheduled on the same executor. Non-responding or misbehaving
 * makers are dropped and replaced (up to {@code max_maker_replacement_attempts} extra fill
 * rounds) while at least {@code minimum_makers} remain; every failure unlocks our coins and
 * completes the report.
 */
public final class CoinJoinSession {
    private static final Logger LOG = LoggerFactory.getLogger(CoinJoinSession.class);
    /** How long we wait for direct connections to chosen makers before relaying via directories. */
    static final Duration DIRECT_WAIT = Duration.ofSeconds(5);
    private static final int MAX_DROPPED_REPORTED = 200;

    private enum MakerStep { FILLED, AUTH_SENT, ACCEPTED }

    private static final class MakerState {
        final MakerOffer offer;
        MakerStep step = MakerStep.FILLED;
        BoxChannel box;
        String boxPubHex;

        MakerState(MakerOffer offer) {
            this.offer = offer;
        }
    }

    private final TakerConfig cfg;
    private final CoinJoinRequest req;
    private final TakerMessenger net;
    private final ChainBackend chain;
    private final BondVerifier bonds;
    private final TakerWallet wallet;
    private final UsedCommitmentStore usedCommitments;
    private final ScheduledExecutorService executor;
    private final Random rng;
    private final SecureRandom secureRandom;
    private final Clock clock;
    private final ProgressListener progress;
    private final CompletableFuture<CoinJoinReport> result = new CompletableFuture<>();
    private final String lockOwner;
    private final OwnNicks ownNicks;
    /** Our own makers' nicks: their offers are never booked nor selected. */
    private final Set<Nick> selfNicks = new HashSet<>();

    private final PhaseMachine phases = new PhaseMachine();
    private final Timers timers;
    private final Orderbook book = new Orderbook(2_000);
    private final Set<Nick> ignored = new HashSet<>();
    private final Map<Nick, String> dropped = new LinkedHashMap<>();
    private final Map<Nick, MakerState> active = new LinkedHashMap<>();
    private final Map<Nick, IoAuthVerdict.Accepted> accepted = new LinkedHashMap<>();
    private Timers.Handle timer;
    private Timers.Handle quietTimer;
    private long orderbookNoteMillis;
    private int wanted;
    private int rounds;
    private Sats amount = Sats.ZERO;
    private long rateSatPerKvb;
    private List<OwnCoin> ourCoins = List.of();
    private byte[] destinationScript;
    private byte[] changeScript;
    private BoxKeyPair box;
    private PodleRevelation revelation;
    private PodleCommitment commitment;
    private CoinJoinTransaction cjTx;
    private SignatureCollector signatures;
    private List<BroadcastPolicy.Step> broadcastSteps = List.of();
    private Sha256Hash txid;

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
        this.cfg = cfg;
        this.req = req;
        this.net = net;
        this.chain = chain;
        this.bonds = new BondVerifier(chain);
        this.wallet = wallet;
        this.usedCommitments = usedCommitments;
        this.executor = executor;
        this.rng = rng;
        this.secureRandom = secureRandom;
        this.clock = clock;
        this.progress = progress;
        this.ownNicks = Objects.requireNonNull(ownNicks, "ownNicks");
        this.lockOwner = "taker-" + net.ownNick();
        this.selfNicks.addAll(cfg.ownNicks());
        this.timers = new Timers(executor, clock, this::guarded);
    }

    /** Starts the CoinJoin; the future completes with the report (never exceptionally). */
    public CompletableFuture<CoinJoinReport> start() {
        executor.execute(guarded(this::begin));
        return result;
    }

    /**
     * Aborts (e.g. the user pressed Ctrl-C): coins are unlocked, the report says why. While only
     * waiting for the confirmation of a broadcast transaction it just stops waiting: the report is
     * a success with the confirmations seen so far.
     */
    public void abort(String reason) {
        executor.execute(() -> {
            if (phases.in(Phase.CONFIRMATION)) {
                // the transaction is out: stopping the wait loses nothing, and its coins stay spent
                note("stopped waiting for a confirmation (" + reason + ")");
                succeed(confirmations());
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
        executor.execute(guarded(this::orderbookDone));
    }

    public CompletableFuture<CoinJoinReport> result() {
        return result;
    }

    /** Inbound: verified private commands from a maker (any channel; duplicates are fine). */
    public void onPrivate(Nick from, List<PrivateCommand> commands) {
        executor.execute(guarded(() -> handlePrivate(from, commands)));
    }

    /** Inbound: public commands (offer announcements, cancels). */
    public void onPublic(Nick from, List<PublicCommand> commands) {
        executor.execute(guarded(() -> handlePublic(from, commands)));
    }

    private Runnable guarded(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("{} session error in {}", net.ownNick(), phases.current(), e);
                fail("internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        };
    }

    private boolean finished() {
        return phases.finished();
    }

    /** The one place the phase changes: {@link PhaseMachine#transition} checks the step. */
    private void enter(Phase p, String message) {
        Phase from = phases.current();
        phases.transition(from, p);
        progress.onPhase(from, p);
        progress.onProgress(p, message);
        LOG.info("{} {}: {}", net.ownNick(), p, message);
    }

    private void note(String message) {
        progress.onProgress(phases.current(), message);
        LOG.info("{} {}: {}", net.ownNick(), phases.current(), message);
    }

    // ------------------------------------------------------------------ pre-flight + orderbook

    private void begin() {
        note("checking mixdepth " + req.mixdepth());
        refreshOwnNicks();
        ownNicks.markTaker(net.ownNick());
        CommitmentChooser chooser = new CommitmentChooser(cfg.podle());
        Optional<String> problem = Preflight.check(req, wallet.mixdepths(), wallet.coins(req.mixdepth()),
                Preflight.minimumFee(cfg.miningFee()), chooser, (u, i) -> wallet.commitment(u, i).toHex(),
                usedCommitments);
        if (problem.isPresent()) {
            fail(problem.get());
            return;
        }
        enter(Phase.ORDERBOOK, "requesting offers for up to " + cfg.orderWaitTime().toSeconds()
                + " s (less once offers stop arriving for " + cfg.orderbookQuiet().toSeconds() + " s)");
        orderbookNoteMillis = Long.MIN_VALUE / 2; // the first offer is shown at once
        net.requestOrderbook();
        timer = schedule(cfg.orderWaitTime(), this::orderbookDone);
    }

    /**
     * A new offer arrived during the orderbook wait: the adaptive end moves to a quiet period
     * after it (NG: the directories have answered once offers stop coming), and the running count
     * is shown, at most about once a second.
     */
    private void offerArrived() {
        if (!phases.in(Phase.ORDERBOOK)) {
            return;
        }
        if (quietTimer != null) {
            quietTimer.cancel();
        }
        quietTimer = schedule(cfg.orderbookQuiet(), this::orderbookDone);
        long now = clock.millis();
        if (now - orderbookNoteMillis >= 1_000) {
            orderbookNoteMillis = now;
            note("offers so far: " + book.size() + " from " + book.makers() + " maker(s)");
        }
    }

    /** Reads our maker's nick (again: it may have started since) and never selects it. */
    private void refreshOwnNicks() {
        Set<Nick> before = Set.copyOf(selfNicks);
        selfNicks.addAll(ownNicks.makerNicks());
        ignored.addAll(selfNicks);
        selfNicks.forEach(book::removeMaker);
        if (!selfNicks.equals(before) || (phases.in(Phase.PREFLIGHT) && !selfNicks.isEmpty())) {
            note("never choosing our own maker" + (selfNicks.size() == 1 ? " " : "s ") + selfNicks);
        }
    }

    private void handlePublic(Nick from, List<PublicCommand> commands) {
        if (finished()) {
            return;
        }
        for (PublicCommand c : commands) {
            if (c instanceof OfferCommand oc) {
                addOffer(from, oc);
            } else if (c instanceof Cancel cancel) {
                book.remove(from, cancel.oid());
            }
        }
    }

    private void addOffer(Nick from, OfferCommand oc) {
        if (selfNicks.contains(from)) {
            return;
        }
        try {
            int before = book.size();
            book.add(MakerOffer.from(from, oc.offer()), clock.instant());
            if (book.size() > before) {
                progress.onOffer(from);
                offerArrived();
            }
        } catch (ProtocolException e) {
            book.remove(from, oc.offer().oid());
        }
    }

    /** Verifies a maker's bond proof (once per maker, bond outpoint and expiry: see BondVerifier). */
    private void checkBond(Nick maker, TBond tbond) {
        bonds.verify(net.ownNick(), maker, tbond.proofBase64())
                .ifPresent(b -> book.recordBond(maker, b.utxo(), b.value()));
    }

    private void orderbookDone() {
        if (!phases.in(Phase.ORDERBOOK)) {
            return;
        }
        if (quietTimer != null) {
            quietTimer.cancel();
            quietTimer = null;
        }
        cancelTimer();
        refreshOwnNicks();
        note(book.makers() + " makers answered with " + book.size() + " offers");
        wanted = req.counterparties().orElseGet(() -> MakerSelector.randomCounterpartyCount(rng));
        rateSatPerKvb = feeRate();
        List<OwnCoin> spendable = wallet.coins(req.mixdepth()).stream().filter(OwnCoin::spendable).toList();
        MakerSelector selector = new MakerSelector(cfg.selection());
        List<MakerOffer> chosen;
        if (req.sweep()) {
            SweepChoice.Result r = SweepChoice.choose(selector, this::offers, spendable, wanted, cfg.minimumMakers(),
                    ignored, rateSatPerKvb, rng);
            if (r instanceof SweepChoice.Result.Impossible i) {
                fail(i.reason());
                return;
            }
            if (r instanceof SweepChoice.Result.Chosen c) {
                amount = c.amount();
                chosen = c.makers();
            } else {
                chosen = ((SweepChoice.Result.TooFew) r).makers();
            }
            ourCoins = spendable;
        } else {
            amount = req.amount();
            chosen = selector.choose(offers(amount), amount, wanted, ignored, rng);
        }
        if (chosen.size() < cfg.minimumMakers()) {
            Sats probe = amount.value() > 0 ? amount : Sats.of(spendable.stream().mapToLong(c -> c.value().value()).sum());
            Map<String, Integer> why = selector.explainIneligible(
                    book.all(), probe, ignored);
            fail("only " + chosen.size() + " suitable offers for " + (req.sweep() ? "a sweep of " : "")
                    + probe.value() + " sats (minimum_makers = " + cfg.minimumMakers() + ", " + book.makers()
                    + " makers in the orderbook" + (why.isEmpty() ? "" : "; offers left out: " + why) + ")");
            return;
        }
        if (!req.sweep()) {
            long estFee = MiningFeePolicy.feeFor(MiningFeePolicy.estimateVsize(3 + 3 * chosen.size(),
                    2 * chosen.size() + 2), rateSatPerKvb).value();
            long target = amount.value() + MakerSelector.totalCjFee(chosen, amount).value() + estFee;
            List<OwnCoin> picked = wallet.select(req.mixdepth(), Sats.of(target));
            if (picked.isEmpty()) {
                long sum = spendable.stream().mapToLong(c -> c.value().value()).sum();
                fail("mixdepth " + req.mixdepth() + " has " + sum + " spendable sats; amount + maker fees + mining "
                        + "fee need about " + target);
                return;
            }
            ourCoins = picked;
        }
        wallet.lock(ourCoins.stream().map(OwnCoin::outpoint).toList(), lockOwner);
        try {
            destinationScript = destinationScript();
            changeScript = req.sweep() ? null : addressScript(wallet.freshInternalAddress(req.mixdepth()));
        } catch (Exception e) {
            fail("cannot get our addresses: " + e.getMessage());
            return;
        }
        box = BoxKeyPair.generate(secureRandom);
        note("chose " + chosen.size() + " makers for " + amount.value() + " sats at " + rateSatPerKvb + " sat/kvB"
                + selector.describeBondWeights(chosen, selector.eligible(offers(amount), amount, ignored)));
        fillRound(chosen);
    }

    private List<MakerOffer> offers(Sats amount) {
        return book.cheapestPerMaker(amount, clock.instant(), cfg.maxOfferAge());
    }

    private long feeRate() {
        long base;
        if (cfg.fixedFeeRate().isPresent()) {
            base = cfg.fixedFeeRate().getAsLong();
        } else {
            long floor = Math.max(1, cfg.miningFee().minSatPerKvb() / 1000);
            long cap = Math.max(floor, cfg.miningFee().maxSatPerKvb() / 1000);
            base = chain.estimateFeeSatPerVb(cfg.miningFee().targetBlocks(), floor, cap) * 1000;
        }
        return cfg.miningFee().randomisedRate(base, rng);
    }

    private byte[] destinationScript() throws Exception {
        if (req.destination().isPresent()) {
            return addressScript(req.destination().get());
        }
        int next = (req.mixdepth() + 1) % wallet.mixdepths();
        return addressScript(wallet.freshInternalAddress(next));
    }

    private byte[] addressScript(String address) {
        Address a = AddressParser.getDefault(cfg.network().bitcoinj()).parseAddress(address);
        return ScriptBuilder.createOutputScript(a).program();
    }

    // ------------------------------------------------------------------ fill + auth

    private void fillRound(List<MakerOffer> makers) {
        rounds++;
        List<CommitmentChooser.Candidate> candidates = new ArrayList<>();
        Set<OutPoint> inputs = new HashSet<>();
        ourCoins.forEach(c -> inputs.add(c.outpoint()));
        for (OwnCoin c : wallet.coins(req.mixdepth())) {
            if (!c.bond() && c.confirmations() >= 1) {
                candidates.add(new CommitmentChooser.Candidate(c.outpoint(), c.value(), c.confirmations(),
                        inputs.contains(c.outpoint())));
            }
        }
        CommitmentChoice choice = new CommitmentChooser(cfg.podle()).choose(candidates, amount,
                (u, i) -> wallet.commitment(u, i).toHex(), usedCommitments);
        if (choice instanceof CommitmentChoice.Unavailable u) {
            fail("no PoDLE commitment left: " + u.detail());
            return;
        }
        CommitmentChoice.Chosen chosen = (CommitmentChoice.Chosen) choice;
        revelation = RevelationForms.withChainMetadata(chain, wallet.prove(chosen.utxo(), chosen.index(), secureRandom));
        commitment = revelation.commitment();
        try {
            usedCommitments.markUsed(commitment.toHex());
        } catch (java.io.IOException e) {
            fail("cannot record the used commitment: " + e.getMessage());
            return;
        }
        enter(Phase.FILL, "round " + rounds + ": !fill to " + makers.size() + " makers (commitment index "
                + chosen.index() + ")");
        progress.onMakersChosen(rounds, makers.stream().map(MakerOffer::maker).toList());
        active.keySet().retainAll(accepted.keySet());
        List<CompletableFuture<Void>> direct = new ArrayList<>();
        for (MakerOffer o : makers) {
            active.put(o.maker(), new MakerState(o));
            try {
                direct.add(net.prepareDirect(o.maker()));
            } catch (RuntimeException e) {
                LOG.debug("{} no direct connection to {}: {}", net.ownNick(), o.maker(), e.toString());
            }
        }
        // prefer direct connections: give them a bounded time, then fall back to directory relay
        int round = rounds;
        restartTimer(cfg.makerTimeout().plus(DIRECT_WAIT), this::authRoundDone);
        boolean[] sent = {false};
        Runnable sendOnce = () -> {
            if (!sent[0]) {
                sent[0] = true;
                sendFills(round, makers);
            }
        };
        Timers.Handle directWait = timers.after(DIRECT_WAIT, sendOnce);
        CompletableFuture.allOf(direct.toArray(CompletableFuture[]::new))
                .whenComplete((v, e) -> executor.execute(guarded(() -> {
                    directWait.cancel();
                    sendOnce.run();
                })));
    }

    private void sendFills(int round, List<MakerOffer> makers) {
        if (finished() || rounds != round || !phases.in(Phase.FILL)) {
            return;
        }
        String boxHex = HexFormat.of().formatHex(box.publicKey());
        for (MakerOffer o : makers) {
            if (!active.containsKey(o.maker())) {
                continue;
            }
            try {
                net.send(o.maker(), new Fill(o.oid(), amount, boxHex, commitment));
            } catch (RuntimeException e) {
                drop(o.maker(), "cannot reach: " + e.getMessage());
            }
        }
        maybeAuthRoundDone();
    }

    private void handlePrivate(Nick from, List<PrivateCommand> commands) {
        if (finished()) {
            return;
        }
        for (PrivateCommand c : commands) {
            if (c instanceof OfferCommand oc) {
                addOffer(from, oc);
            } else if (c instanceof TBond tb) {
                checkBond(from, tb);
            } else if (c instanceof PubKey pk) {
                onPubKey(from, pk);
            } else if (c instanceof IoAuth io) {
                onIoAuth(from, io);
            } else if (c instanceof Sig sig) {
                onSig(from, sig);
            } else if (c instanceof ErrorCommand err) {
                onError(from, err);
            }
            if (finished()) {
                return;
            }
        }
    }

    private void onPubKey(Nick from, PubKey pk) {
        MakerState st = active.get(from);
        if (st == null || st.step != MakerStep.FILLED || !phases.in(Phase.FILL, Phase.AUTH)) {
            return; // duplicate, late or unsolicited
        }
        try {
            st.box = BoxChannel.of(box, pk.makerBoxPubHex());
        } catch (ProtocolException | RuntimeException e) {
            drop(from, "invalid box key in !pubkey");
            maybeAuthRoundDone();
            return;
        }
        st.boxPubHex = pk.makerBoxPubHex();
        st.step = MakerStep.AUTH_SENT;
        if (phases.in(Phase.FILL)) {
            enter(Phase.AUTH, "sending !auth as makers answer");
        }
        PodleRevelation rev = revelation;
        if (!pk.has(Features.NEUTRINO_COMPAT)) {
            rev = RevelationForms.legacy(rev);
        }
        net.send(from, Auth.seal(st.box, rev, secureRandom));
    }

    private void onIoAuth(Nick from, IoAuth io) {
        MakerState st = active.get(from);
        if (st == null || st.step != MakerStep.AUTH_SENT) {
            return;
        }
        IoAuthPayload payload;
        try {
            payload = io.open(st.box);
        } catch (ProtocolException | RuntimeException e) {
            drop(from, "undecryptable or malformed !ioauth: " + e.getMessage());
            maybeAuthRoundDone();
            return;
        }
        List<OutPoint> utxos = payload.utxos().stream().map(UtxoRef::outPoint).toList();
        Map<OutPoint, Optional<TxOutInfo>> lookups = new HashMap<>();
        for (OutPoint op : utxos) {
            if (lookups.size() > cfg.maxMakerUtxos()) {
                break;
            }
            try {
                lookups.put(op, chain.getTxOut(op, true));
            } catch (RuntimeException e) {
                fail("chain backend unavailable while checking makers: " + e.getMessage());
                return;
            }
        }
        for (UtxoRef u : payload.utxos()) {
            Optional<TxOutInfo> known = lookups.getOrDefault(u.outPoint(), Optional.empty());
            if (u.isExtended() && known.isPresent() && !Arrays.equals(u.scriptPubKey(), known.get().scriptPubKey())) {
                drop(from, "!ioauth names " + u.outPoint() + " with a scriptPubKey the chain does not have");
                maybeAuthRoundDone();
                return;
            }
        }
        IoAuthClaim claim = new IoAuthClaim(utxos, payload.authPubHex(), payload.cjAddress(), payload.changeAddress(),
                payload.btcSigBase64());
        IoAuthVerdict v = new IoAuthVerifier(cfg.network(), cfg.maxMakerUtxos()).verify(from, st.boxPubHex, claim,
                st.offer, amount, lookups, usedOutpoints(), usedScripts());
        if (v instanceof IoAuthVerdict.Accepted a) {
            st.step = MakerStep.ACCEPTED;
            accepted.put(from, a);
            note(from + " accepted (" + a.inputs().size() + " inputs, fee " + a.cjFee().value() + " sats)");
        } else if (v instanceof IoAuthVerdict.Rejected r) {
            drop(from, r.reason() + ": " + r.detail());
        }
        maybeAuthRoundDone();
    }

    private Set<OutPoint> usedOutpoints() {
        Set<OutPoint> s = new HashSet<>();
        ourCoins.forEach(c -> s.add(c.outpoint()));
        accepted.values().forEach(a -> a.inputs().forEach(i -> s.add(i.outpoint())));
        return s;
    }

    private Set<String> usedScripts() {
        HexFormat hex = HexFormat.of();
        Set<String> s = new HashSet<>();
        s.add(hex.formatHex(destinationScript));
        if (changeScript != null) {
            s.add(hex.formatHex(changeScript));
        }
        for (IoAuthVerdict.Accepted a : accepted.values()) {
            s.add(hex.formatHex(a.cjScript()));
            s.add(hex.formatHex(a.changeScript()));
        }
        return s;
    }

    private void onError(Nick from, ErrorCommand err) {
        MakerState st = active.get(from);
        if (st != null && st.step != MakerStep.ACCEPTED && phases.in(Phase.FILL, Phase.AUTH)) {
            drop(from, "maker error: " + err.text());
            maybeAuthRoundDone();
        } else {
            LOG.info("{} !error from {}: {}", net.ownNick(), from, err.text());
        }
    }

    private void drop(Nick maker, String reason) {
        active.remove(maker);
        accepted.remove(maker);
        ignored.add(maker);
        if (dropped.size() < MAX_DROPPED_REPORTED) {
            dropped.put(maker, reason);
        }
        note("dropped " + maker + ": " + reason);
    }

    private void maybeAuthRoundDone() {
        if (!phases.in(Phase.FILL, Phase.AUTH)) {
            return;
        }
        boolean pending = active.values().stream().anyMatch(s -> s.step != MakerStep.ACCEPTED);
        if (!pending) {
            authRoundDone();
        }
    }

    private void authRoundDone() {
        if (!phases.in(Phase.FILL, Phase.AUTH)) {
            return;
        }
        for (Map.Entry<Nick, MakerState> e : new ArrayList<>(active.entrySet())) {
            if (e.getValue().step != MakerStep.ACCEPTED) {
                drop(e.getKey(), e.getValue().step == MakerStep.FILLED ? "no !pubkey in time" : "no !ioauth in time");
            }
        }
        if (accepted.size() >= cfg.minimumMakers()) {
            buildTx();
            return;
        }
        replaceOrFail(accepted.size() + " makers passed !ioauth, minimum_makers is " + cfg.minimumMakers());
    }

    private void replaceOrFail(String why) {
        if (rounds > cfg.maxReplacementAttempts()) {
            fail(why + "; no replacement attempts left");
            return;
        }
        int need = Math.max(cfg.minimumMakers(), wanted) - accepted.size();
        Set<Nick> exclude = new HashSet<>(ignored);
        exclude.addAll(accepted.keySet());
        List<MakerOffer> more = new MakerSelector(cfg.selection()).choose(offers(amount), amount, Math.max(1, need),
                exclude, rng);
        if (accepted.size() + more.size() < cfg.minimumMakers()) {
            fail(why + "; only " + more.size() + " other suitable makers left in the orderbook");
            return;
        }
        note(why + "; replacing with " + more.size() + " new makers");
        fillRound(more);
    }

    // ------------------------------------------------------------------ tx + sig

    private void buildTx() {
        enter(Phase.TX, "building the transaction with " + accepted.size() + " makers");
        List<IoAuthVerdict.Accepted> makers = new ArrayList<>(accepted.values());
        int inputs = ourCoins.size() + makers.stream().mapToInt(m -> m.inputs().size()).sum();
        int outputs = 1 + 2 * makers.size() + (req.sweep() ? 0 : 1);
        Sats realFee = MiningFeePolicy.feeFor(MiningFeePolicy.estimateVsize(inputs, outputs), rateSatPerKvb);
        long makerTxFees = makers.stream().mapToLong(m -> activeOfferTxFee(m.maker())).sum();
        List<CoinJoinInput> ours = ourCoins.stream()
                .map(c -> new CoinJoinInput(c.outpoint(), c.value(), c.scriptPubKey())).toList();
        CoinJoinPlan plan;
        try {
            if (req.sweep()) {
                long totalIn = ourCoins.stream().mapToLong(c -> c.value().value()).sum();
                long fees = makers.stream().mapToLong(m -> m.cjFee().value()).sum();
                long remaining = totalIn - amount.value() - fees;
                if (remaining < 0) {
                    fail("the replacement makers' fees exceed what the sweep can pay (short by " + -remaining + ")");
                    return;
                }
                Sats paid = Sats.of(remaining + makerTxFees);
                if (!SweepSolver.feeWithinTolerance(paid, realFee, cfg.maxSweepFeeChange())) {
                    fail("sweep mining fee " + paid.value() + " sats is too far from the " + realFee.value()
                            + " sats this transaction needs (max_sweep_fee_change " + cfg.maxSweepFeeChange() + ")");
                    return;
                }
                plan = CoinJoinPlan.of(amount, makers, ours, destinationScript, Optional.empty(), Sats.of(remaining));
            } else {
                Sats myTxFee = Sats.of(Math.max(0, realFee.value() - makerTxFees));
                plan = CoinJoinPlan.of(amount, makers, ours, destinationScript, Optional.of(changeScript), myTxFee);
            }
        } catch (CoinJoinPlan.InsufficientFundsException e) {
            fail("our coins do not cover amount, fees and mining fee: " + e.getMessage());
            return;
        }
        long lockTime;
        try {
            lockTime = cfg.lockTime().lockTime(chain.tipHeight(), rng);
        } catch (RuntimeException e) {
            fail("chain backend unavailable: " + e.getMessage());
            return;
        }
        cjTx = CoinJoinTransaction.build(plan, lockTime, rng);
        signatures = new SignatureCollector(cjTx);
        txid = cjTx.transaction().getTxId();
        TxPayload payload = new TxPayload(cjTx.unsignedBytes());
        progress.onTransaction(txid);
        enter(Phase.SIG, "sent !tx " + txid + " to " + makers.size() + " makers, collecting signatures");
        for (IoAuthVerdict.Accepted m : makers) {
            net.send(m.maker(), Tx.seal(activeBox(m.maker()), payload, secureRandom));
        }
        restartTimer(cfg.makerTimeout(), this::sigTimeout);
    }

    private long activeOfferTxFee(Nick maker) {
        MakerState st = active.get(maker);
        return st == null ? 0 : st.offer.txFee().value();
    }

    private BoxChannel activeBox(Nick maker) {
        return active.get(maker).box;
    }

    private void onSig(Nick from, Sig sig) {
        if (!phases.in(Phase.SIG) || !accepted.containsKey(from)) {
            return;
        }
        SigPayload payload;
        try {
            payload = sig.open(activeBox(from));
        } catch (ProtocolException | RuntimeException e) {
            badSigner(from, "undecryptable or malformed !sig: " + e.getMessage());
            return;
        }
        SigVerdict v = signatures.accept(from, payload.toScriptBytes());
        if (v instanceof SigVerdict.Rejected r) {
            badSigner(from, "bad signature (" + r.reason() + "): " + r.detail());
            return;
        }
        if (signatures.allMakersSigned()) {
            cancelTimer();
            finishSigning();
        }
    }

    private void badSigner(Nick maker, String reason) {
        drop(maker, reason);
        restartAttempt("maker " + maker + " sent a bad signature");
    }

    private void sigTimeout() {
        if (!phases.in(Phase.SIG)) {
            return;
        }
        for (Nick n : signatures.makersMissingSignatures()) {
            drop(n, "did not sign in time");
        }
        restartAttempt("not every maker signed");
    }

    /**
     * The signed-for transaction is dead: start a new fill round with fresh makers (SIG -> FILL).
     * A sweep is not retried: it fails here, in SIG.
     */
    private void restartAttempt(String why) {
        cancelTimer();
        cjTx = null;
        signatures = null;
        txid = null;
        accepted.clear();
        active.clear();
        if (req.sweep()) {
            fail(why + "; a sweep is not retried with other makers");
            return;
        }
        replaceOrFail(why);
    }

    private void finishSigning() {
        Transaction tx = cjTx.transaction();
        List<OutPoint> ours = ourCoins.stream().map(OwnCoin::outpoint).toList();
        try {
            wallet.sign(tx, ours);
        } catch (RuntimeException e) {
            fail("our wallet could not sign: " + e.getMessage());
            return;
        }
        for (int i = 0; i < tx.getInputs().size(); i++) {
            TransactionInput in = tx.getInput(i);
            CoinJoinTransaction.InputInfo info = cjTx.inputs().get(i);
            try {
                Script spk = Script.parse(info.scriptPubKey());
                spk.correctlySpends(tx, i, in.getWitness(), Coin.valueOf(info.value().value()), spk,
                        Script.ALL_VERIFY_FLAGS);
            } catch (RuntimeException e) {
                fail("input " + i + " (" + info.outpoint() + ") is not validly signed: " + e.getMessage());
                return;
            }
        }
        List<Nick> makers = new ArrayList<>(accepted.keySet());
        broadcastSteps = cfg.broadcast().plan(makers, rng);
        enter(Phase.BROADCAST, "fully signed " + txid + "; broadcast policy " + cfg.broadcast().configName());
        broadcastStep(0);
    }

    // ------------------------------------------------------------------ broadcast + confirmation

    private void broadcastStep(int i) {
        if (!phases.in(Phase.BROADCAST)) {
            return;
        }
        if (i >= broadcastSteps.size()) {
            fail("no broadcast step got the transaction into the mempool");
            return;
        }
        BroadcastPolicy.Step step = broadcastSteps.get(i);
        byte[] raw = cjTx.signedBytes();
        if (step.self()) {
            try {
                chain.broadcast(raw);
                note("broadcast by our node");
                confirmationPhase();
            } catch (RuntimeException e) {
                if (seen()) {
                    confirmationPhase();
                } else {
                    note("our node rejected the transaction: " + e.getMessage());
                    broadcastStep(i + 1);
                }
            }
            return;
        }
        for (Nick peer : step.peers()) {
            try {
                net.send(peer, new Push(raw));
            } catch (RuntimeException e) {
                LOG.debug("{} push to {} failed: {}", net.ownNick(), peer, e.toString());
            }
        }
        note("asked " + step.peers() + " to broadcast");
        timer = timers.poll(cfg.broadcastTimeout(), this::seen, this::confirmationPhase, () -> broadcastStep(i + 1));
    }

    private boolean seen() {
        try {
            return chain.getConfirmations(txid).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void confirmationPhase() {
        enter(Phase.CONFIRMATION, txid + " is in the mempool");
        if (cfg.confirmationTimeout().isZero()) {
            succeed(0);
            return;
        }
        timer = timers.poll(cfg.confirmationTimeout(), () -> confirmations() >= 1, () -> succeed(confirmations()),
                () -> succeed(confirmations()));
    }

    private int confirmations() {
        try {
            return chain.getConfirmations(txid).orElse(0);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    // ------------------------------------------------------------------ endings

    private void succeed(int confirmations) {
        timers.cancelAll();
        CoinJoinPlan plan = cjTx.plan();
        ownNicks.clearTaker(net.ownNick());
        enter(Phase.DONE, "CoinJoin " + txid + " done (" + confirmations + " confirmations)");
        result.complete(new CoinJoinReport(true, Optional.empty(), Optional.empty(), Optional.of(txid), amount,
                plan.makerFees(), plan.miningFee(), plan.totalCost(), confirmations, dropped, rounds));
    }

    private void fail(String reason) {
        if (finished()) {
            return;
        }
        Phase failedIn = phases.current();
        timers.cancelAll();
        try {
            wallet.unlock(ourCoins.stream().map(OwnCoin::outpoint).toList());
        } catch (RuntimeException e) {
            LOG.warn("{} could not unlock coins: {}", net.ownNick(), e.toString());
        }
        ownNicks.clearTaker(net.ownNick());
        enter(Phase.FAILED, reason);
        result.complete(new CoinJoinReport(false, Optional.of(failedIn), Optional.of(reason),
                Optional.ofNullable(txid), amount, Map.of(), Sats.ZERO, Sats.ZERO, 0, dropped, rounds));
    }

    private Timers.Handle schedule(Duration d, Runnable r) {
        return timers.after(d, r);
    }

    private void restartTimer(Duration d, Runnable r) {
        cancelTimer();
        timer = schedule(d, r);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
