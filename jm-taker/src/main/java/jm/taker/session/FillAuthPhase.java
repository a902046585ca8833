package jm.taker.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import jm.chain.TxOutInfo;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.Sats;
import jm.core.command.Auth;
import jm.core.command.ErrorCommand;
import jm.core.command.Fill;
import jm.core.command.IoAuth;
import jm.core.command.IoAuthPayload;
import jm.core.command.PubKey;
import jm.core.crypto.BoxChannel;
import jm.core.podle.PodleCommitment;
import jm.core.podle.PodleRevelation;
import jm.core.podle.UtxoRef;
import jm.core.wire.Features;
import jm.taker.offer.MakerOffer;
import jm.taker.podle.CommitmentChoice;
import jm.taker.podle.CommitmentChooser;
import jm.taker.selection.MakerSelector;
import jm.taker.verify.IoAuthClaim;
import jm.taker.verify.IoAuthVerdict;
import jm.taker.verify.IoAuthVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FILL and AUTH phases, round by round: a PoDLE commitment, {@code !fill} to the chosen makers
 * (after a bounded wait for direct connections), {@code !auth} to each as its {@code !pubkey}
 * arrives, and the verification of their {@code !ioauth}. A round ends when every asked maker
 * passed or failed, or at {@code maker_timeout_sec}; with too few makers it asks replacements from
 * the orderbook (up to {@code max_maker_replacement_attempts} extra rounds). Session thread only.
 */
final class FillAuthPhase {
    private static final Logger LOG = LoggerFactory.getLogger(CoinJoinSession.class);
    /** How long we wait for direct connections to chosen makers before relaying via directories. */
    static final Duration DIRECT_WAIT = Duration.ofSeconds(5);

    private final SessionParts c;
    private final Function<Sats, List<MakerOffer>> offers;
    private final Runnable onAuthorised;
    private TakerTerms terms;
    private PodleRevelation revelation;
    private PodleCommitment commitment;
    private int rounds;
    private Timers.Handle timer;

    /**
     * @param offers       the orderbook's cheapest offer per maker for an amount (replacements)
     * @param onAuthorised runs once a round ends with at least {@code minimum_makers} accepted
     */
    FillAuthPhase(SessionParts c, Function<Sats, List<MakerOffer>> offers, Runnable onAuthorised) {
        this.c = c;
        this.offers = offers;
        this.onAuthorised = onAuthorised;
    }

    /** Fill rounds so far (the report's attempts). */
    int rounds() {
        return rounds;
    }

    /** The first round, with the makers the orderbook phase chose. */
    void start(TakerTerms settled, List<MakerOffer> chosen) {
        this.terms = settled;
        fillRound(chosen);
    }

    private void fillRound(List<MakerOffer> makers) {
        rounds++;
        List<CommitmentChooser.Candidate> candidates = new ArrayList<>();
        Set<OutPoint> inputs = new HashSet<>(terms.outpoints());
        for (OwnCoin o : c.wallet().coins(c.req().mixdepth())) {
            if (!o.bond() && o.confirmations() >= 1) {
                candidates.add(new CommitmentChooser.Candidate(o.outpoint(), o.value(), o.confirmations(),
                        inputs.contains(o.outpoint())));
            }
        }
        CommitmentChoice choice = new CommitmentChooser(c.cfg().podle()).choose(candidates, terms.amount(),
                (u, i) -> c.wallet().commitment(u, i).toHex(), c.usedCommitments());
        if (choice instanceof CommitmentChoice.Unavailable u) {
            c.flow().fail("no PoDLE commitment left: " + u.detail());
            return;
        }
        CommitmentChoice.Chosen chosen = (CommitmentChoice.Chosen) choice;
        revelation = RevelationForms.withChainMetadata(c.chain(),
                c.wallet().prove(chosen.utxo(), chosen.index(), c.secureRandom()));
        commitment = revelation.commitment();
        try {
            c.usedCommitments().markUsed(commitment.toHex());
        } catch (java.io.IOException e) {
            c.flow().fail("cannot record the used commitment: " + e.getMessage());
            return;
        }
        c.flow().enter(Phase.FILL, "round " + rounds + ": !fill to " + makers.size() + " makers (commitment index "
                + chosen.index() + ")");
        c.flow().listener().onMakersChosen(rounds, makers.stream().map(MakerOffer::maker).toList());
        c.roster().startRound(makers);
        List<CompletableFuture<Void>> direct = new ArrayList<>();
        for (MakerOffer o : makers) {
            try {
                direct.add(c.net().prepareDirect(o.maker()));
            } catch (RuntimeException e) {
                LOG.debug("{} no direct connection to {}: {}", c.net().ownNick(), o.maker(), e.toString());
            }
        }
        // prefer direct connections: give them a bounded time, then fall back to directory relay
        int round = rounds;
        cancelTimer();
        timer = c.flow().timers().after(c.cfg().makerTimeout().plus(DIRECT_WAIT), this::roundDone);
        boolean[] sent = {false};
        Runnable sendOnce = () -> {
            if (!sent[0]) {
                sent[0] = true;
                sendFills(round, makers);
            }
        };
        Timers.Handle directWait = c.flow().timers().after(DIRECT_WAIT, sendOnce);
        CompletableFuture.allOf(direct.toArray(CompletableFuture[]::new))
                .whenComplete((v, e) -> c.executor().execute(c.flow().guarded(() -> {
                    directWait.cancel();
                    sendOnce.run();
                })));
    }

    private void sendFills(int round, List<MakerOffer> makers) {
        if (c.flow().finished() || rounds != round || !c.flow().in(Phase.FILL)) {
            return;
        }
        String boxHex = HexFormat.of().formatHex(terms.box().publicKey());
        for (MakerOffer o : makers) {
            if (c.roster().asked(o.maker()) == null) {
                continue;
            }
            try {
                c.net().send(o.maker(), new Fill(o.oid(), terms.amount(), boxHex, commitment));
            } catch (RuntimeException e) {
                c.roster().drop(o.maker(), "cannot reach: " + e.getMessage());
            }
        }
        maybeRoundDone();
    }

    void onPubKey(Nick from, PubKey pk) {
        MakerRoster.Maker st = c.roster().asked(from);
        if (st == null || st.step != MakerRoster.Step.FILLED || !c.flow().in(Phase.FILL, Phase.AUTH)) {
            return; // duplicate, late or unsolicited
        }
        try {
            st.box = BoxChannel.of(terms.box(), pk.makerBoxPubHex());
        } catch (ProtocolException | RuntimeException e) {
            c.roster().drop(from, "invalid box key in !pubkey");
            maybeRoundDone();
            return;
        }
        st.boxPubHex = pk.makerBoxPubHex();
        st.step = MakerRoster.Step.AUTH_SENT;
        if (c.flow().in(Phase.FILL)) {
            c.flow().enter(Phase.AUTH, "sending !auth as makers answer");
        }
        PodleRevelation rev = revelation;
        if (!pk.has(Features.NEUTRINO_COMPAT)) {
            rev = RevelationForms.legacy(rev);
        }
        c.net().send(from, Auth.seal(st.box, rev, c.secureRandom()));
    }

    void onIoAuth(Nick from, IoAuth io) {
        MakerRoster.Maker st = c.roster().asked(from);
        if (st == null || st.step != MakerRoster.Step.AUTH_SENT) {
            return;
        }
        IoAuthPayload payload;
        try {
            payload = io.open(st.box);
        } catch (ProtocolException | RuntimeException e) {
            c.roster().drop(from, "undecryptable or malformed !ioauth: " + e.getMessage());
            maybeRoundDone();
            return;
        }
        List<OutPoint> utxos = payload.utxos().stream().map(UtxoRef::outPoint).toList();
        Map<OutPoint, Optional<TxOutInfo>> lookups = new HashMap<>();
        for (OutPoint op : utxos) {
            if (lookups.size() > c.cfg().maxMakerUtxos()) {
                break;
            }
            try {
                lookups.put(op, c.chain().getTxOut(op, true));
            } catch (RuntimeException e) {
                c.flow().fail("chain backend unavailable while checking makers: " + e.getMessage());
                return;
            }
        }
        for (UtxoRef u : payload.utxos()) {
            Optional<TxOutInfo> known = lookups.getOrDefault(u.outPoint(), Optional.empty());
            if (u.isExtended() && known.isPresent() && !Arrays.equals(u.scriptPubKey(), known.get().scriptPubKey())) {
                c.roster().drop(from, "!ioauth names " + u.outPoint() + " with a scriptPubKey the chain does not have");
                maybeRoundDone();
                return;
            }
        }
        IoAuthClaim claim = new IoAuthClaim(utxos, payload.authPubHex(), payload.cjAddress(), payload.changeAddress(),
                payload.btcSigBase64());
        IoAuthVerdict v = new IoAuthVerifier(c.cfg().network(), c.cfg().maxMakerUtxos()).verify(from, st.boxPubHex,
                claim, st.offer, terms.amount(), lookups, c.roster().usedOutpoints(terms.outpoints()),
                c.roster().usedScripts(terms.ourScriptsHex()));
        if (v instanceof IoAuthVerdict.Accepted a) {
            c.roster().accept(from, a);
            c.flow().note(from + " accepted (" + a.inputs().size() + " inputs, fee " + a.cjFee().value() + " sats)");
        } else if (v instanceof IoAuthVerdict.Rejected r) {
            c.roster().drop(from, r.reason() + ": " + r.detail());
        }
        maybeRoundDone();
    }

    void onError(Nick from, ErrorCommand err) {
        MakerRoster.Maker st = c.roster().asked(from);
        if (st != null && st.step != MakerRoster.Step.ACCEPTED && c.flow().in(Phase.FILL, Phase.AUTH)) {
            c.roster().drop(from, "maker error: " + err.text());
            maybeRoundDone();
        } else {
            LOG.info("{} !error from {}: {}", c.net().ownNick(), from, err.text());
        }
    }

    private void maybeRoundDone() {
        if (c.flow().in(Phase.FILL, Phase.AUTH) && c.roster().pending().isEmpty()) {
            roundDone();
        }
    }

    /** The round is over (all answered, or the timeout): drop the silent, then go on or replace. */
    private void roundDone() {
        if (!c.flow().in(Phase.FILL, Phase.AUTH)) {
            return;
        }
        c.roster().pending().forEach((maker, step) -> c.roster().drop(maker,
                step == MakerRoster.Step.FILLED ? "no !pubkey in time" : "no !ioauth in time"));
        int minimum = c.cfg().minimumMakers();
        if (c.roster().acceptedCount() >= minimum) {
            cancelTimer();
            onAuthorised.run();
            return;
        }
        replaceOrFail(c.roster().acceptedCount() + " makers passed !ioauth, minimum_makers is " + minimum);
    }

    /**
     * Too few makers for {@code why}: a new fill round with makers not asked yet (failing in the
     * current phase when no attempt or no suitable maker is left).
     */
    void replaceOrFail(String why) {
        if (rounds > c.cfg().maxReplacementAttempts()) {
            c.flow().fail(why + "; no replacement attempts left");
            return;
        }
        int minimum = c.cfg().minimumMakers();
        int need = Math.max(minimum, terms.wanted()) - c.roster().acceptedCount();
        List<MakerOffer> more = new MakerSelector(c.cfg().selection()).choose(offers.apply(terms.amount()),
                terms.amount(), Math.max(1, need), c.roster().excludedFromReplacement(), c.rng());
        if (c.roster().acceptedCount() + more.size() < minimum) {
            c.flow().fail(why + "; only " + more.size() + " other suitable makers left in the orderbook");
            return;
        }
        c.flow().note(why + "; replacing with " + more.size() + " new makers");
        fillRound(more);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
