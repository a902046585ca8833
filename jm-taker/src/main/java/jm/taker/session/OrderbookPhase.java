package jm.taker.session;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.Sats;
import jm.core.command.OfferCommand;
import jm.core.command.TBond;
import jm.core.crypto.BoxKeyPair;
import jm.taker.bond.BondVerifier;
import jm.taker.fee.MiningFeePolicy;
import jm.taker.offer.MakerOffer;
import jm.taker.offer.Orderbook;
import jm.taker.podle.CommitmentChooser;
import jm.taker.selection.MakerSelector;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.script.ScriptBuilder;

/**
 * The pre-flight and orderbook phases: checks that the mixdepth can fund a CoinJoin, collects
 * offers and bond proofs until the wait ends (its ceiling, a quiet period after the last new offer,
 * or {@link #end()}), then settles the {@link TakerTerms}: the makers, the amount, our coins (chosen
 * by the {@link TakerWallet}) and our addresses. Keeps the orderbook afterwards for replacements.
 * Session thread only.
 */
final class OrderbookPhase {
    private final SessionParts c;
    private final BiConsumer<TakerTerms, List<MakerOffer>> onChosen;
    private final BondVerifier bonds;
    private final Orderbook book = new Orderbook(2_000);
    private Timers.Handle ceiling;
    private Timers.Handle quiet;
    private long noteMillis;
    private Sats amount = Sats.ZERO;

    /** @param onChosen gets the terms and the makers to ask once the orderbook wait is over */
    OrderbookPhase(SessionParts c, BiConsumer<TakerTerms, List<MakerOffer>> onChosen) {
        this.c = c;
        this.onChosen = onChosen;
        this.bonds = new BondVerifier(c.chain());
    }

    /** The equal amount once chosen (zero before). */
    Sats amount() {
        return amount;
    }

    /** Pre-flight, then ORDERBOOK: asks for offers and starts the wait's ceiling. */
    void begin() {
        CoinJoinRequest req = c.req();
        c.flow().note("checking mixdepth " + req.mixdepth());
        refreshOwnNicks();
        CommitmentChooser chooser = new CommitmentChooser(c.cfg().podle());
        Optional<String> problem = Preflight.check(req, c.wallet().mixdepths(), c.wallet().coins(req.mixdepth()),
                Preflight.minimumFee(c.cfg().miningFee()), chooser, (u, i) -> c.wallet().commitment(u, i).toHex(),
                c.usedCommitments());
        if (problem.isPresent()) {
            c.flow().fail(problem.get());
            return;
        }
        c.flow().enter(Phase.ORDERBOOK, "requesting offers for up to " + c.cfg().orderWaitTime().toSeconds()
                + " s (less once offers stop arriving for " + c.cfg().orderbookQuiet().toSeconds() + " s)");
        noteMillis = Long.MIN_VALUE / 2; // the first offer is shown at once
        c.net().requestOrderbook();
        ceiling = c.flow().timers().after(c.cfg().orderWaitTime(), this::end);
    }

    /** An offer (any phase: later ones serve replacements); our own makers' are never booked. */
    void addOffer(Nick from, OfferCommand oc) {
        if (c.roster().own().contains(from)) {
            return;
        }
        try {
            int before = book.size();
            book.add(MakerOffer.from(from, oc.offer()), c.clock().instant());
            if (book.size() > before) {
                c.flow().listener().onOffer(from);
                offerArrived();
            }
        } catch (ProtocolException e) {
            book.remove(from, oc.offer().oid());
        }
    }

    void cancel(Nick from, long oid) {
        book.remove(from, oid);
    }

    /** Verifies a maker's bond proof (once per maker, bond outpoint and expiry: see BondVerifier). */
    void checkBond(Nick maker, TBond tbond) {
        bonds.verify(c.net().ownNick(), maker, tbond.proofBase64())
                .ifPresent(b -> book.recordBond(maker, b.utxo(), b.value()));
    }

    /** Each maker's cheapest fresh offer for {@code amount}. */
    List<MakerOffer> offers(Sats forAmount) {
        return book.cheapestPerMaker(forAmount, c.clock().instant(), c.cfg().maxOfferAge());
    }

    /**
     * A new offer arrived during the orderbook wait: the adaptive end moves to a quiet period
     * after it (NG: the directories have answered once offers stop coming), and the running count
     * is shown, at most about once a second.
     */
    private void offerArrived() {
        if (!c.flow().in(Phase.ORDERBOOK)) {
            return;
        }
        if (quiet != null) {
            quiet.cancel();
        }
        quiet = c.flow().timers().after(c.cfg().orderbookQuiet(), this::end);
        long now = c.clock().millis();
        if (now - noteMillis >= 1_000) {
            noteMillis = now;
            c.flow().note("offers so far: " + book.size() + " from " + book.makers() + " maker(s)");
        }
    }

    /** Reads our maker's nick (again: it may have started since) and never selects it. */
    private void refreshOwnNicks() {
        boolean grew = c.roster().addOwn(c.ownNicks().makerNicks());
        Set<Nick> own = c.roster().own();
        own.forEach(book::removeMaker);
        if (grew || (c.flow().in(Phase.PREFLIGHT) && !own.isEmpty())) {
            c.flow().note("never choosing our own maker" + (own.size() == 1 ? " " : "s ") + own);
        }
    }

    /** Ends the orderbook wait (does nothing outside ORDERBOOK) and settles the terms. */
    void end() {
        if (!c.flow().in(Phase.ORDERBOOK)) {
            return;
        }
        if (quiet != null) {
            quiet.cancel();
            quiet = null;
        }
        ceiling.cancel();
        refreshOwnNicks();
        c.flow().note(book.makers() + " makers answered with " + book.size() + " offers");
        CoinJoinRequest req = c.req();
        int minimum = c.cfg().minimumMakers();
        int wanted = req.counterparties().orElseGet(() -> MakerSelector.randomCounterpartyCount(c.rng()));
        long rate = feeRate();
        List<OwnCoin> spendable = c.wallet().spendable(req.mixdepth());
        MakerSelector selector = new MakerSelector(c.cfg().selection());
        List<MakerOffer> chosen;
        if (req.sweep()) {
            SweepChoice.Result r = SweepChoice.choose(selector, this::offers, spendable, wanted, minimum,
                    c.roster().ignored(), rate, c.rng());
            if (r instanceof SweepChoice.Result.Impossible i) {
                c.flow().fail(i.reason());
                return;
            }
            if (r instanceof SweepChoice.Result.Chosen ch) {
                amount = ch.amount();
                chosen = ch.makers();
            } else {
                chosen = ((SweepChoice.Result.TooFew) r).makers();
            }
        } else {
            amount = req.amount();
            chosen = selector.choose(offers(amount), amount, wanted, c.roster().ignored(), c.rng());
        }
        if (chosen.size() < minimum) {
            Sats probe = amount.value() > 0 ? amount : total(spendable);
            Map<String, Integer> why = selector.explainIneligible(book.all(), probe, c.roster().ignored());
            c.flow().fail("only " + chosen.size() + " suitable offers for " + (req.sweep() ? "a sweep of " : "")
                    + probe.value() + " sats (minimum_makers = " + minimum + ", " + book.makers()
                    + " makers in the orderbook" + (why.isEmpty() ? "" : "; offers left out: " + why) + ")");
            return;
        }
        List<OwnCoin> ours = req.sweep() ? spendable : pickCoins(chosen, rate, spendable);
        if (ours.isEmpty()) {
            return;
        }
        byte[] destination;
        Optional<byte[]> change;
        try {
            destination = destinationScript();
            change = req.sweep() ? Optional.empty()
                    : Optional.of(addressScript(c.wallet().freshInternalAddress(req.mixdepth())));
        } catch (Exception e) {
            c.flow().fail("cannot get our addresses: " + e.getMessage());
            return;
        }
        BoxKeyPair box = BoxKeyPair.generate(c.secureRandom());
        c.flow().note("chose " + chosen.size() + " makers for " + amount.value() + " sats at " + rate + " sat/kvB"
                + selector.describeBondWeights(chosen, selector.eligible(offers(amount), amount, c.roster().ignored())));
        onChosen.accept(new TakerTerms(amount, wanted, rate, ours, destination, change, box), chosen);
    }

    /** Our coins for a non-sweep, chosen by the wallet for amount + fees; empty (and failed) if they do not cover it. */
    private List<OwnCoin> pickCoins(List<MakerOffer> chosen, long rate, List<OwnCoin> spendable) {
        long estFee = MiningFeePolicy.feeFor(MiningFeePolicy.estimateVsize(3 + 3 * chosen.size(),
                2 * chosen.size() + 2), rate).value();
        long target = amount.value() + MakerSelector.totalCjFee(chosen, amount).value() + estFee;
        List<OwnCoin> picked = c.wallet().select(c.req().mixdepth(), Sats.of(target));
        if (picked.isEmpty()) {
            c.flow().fail("mixdepth " + c.req().mixdepth() + " has " + total(spendable).value()
                    + " spendable sats; amount + maker fees + mining fee need about " + target);
        }
        return picked;
    }

    private static Sats total(List<OwnCoin> coins) {
        return Sats.of(coins.stream().mapToLong(o -> o.value().value()).sum());
    }

    private long feeRate() {
        TakerConfig cfg = c.cfg();
        long base;
        if (cfg.fixedFeeRate().isPresent()) {
            base = cfg.fixedFeeRate().getAsLong();
        } else {
            long floor = Math.max(1, cfg.miningFee().minSatPerKvb() / 1000);
            long cap = Math.max(floor, cfg.miningFee().maxSatPerKvb() / 1000);
            base = c.chain().estimateFeeSatPerVb(cfg.miningFee().targetBlocks(), floor, cap) * 1000;
        }
        return cfg.miningFee().randomisedRate(base, c.rng());
    }

    private byte[] destinationScript() throws Exception {
        if (c.req().destination().isPresent()) {
            return addressScript(c.req().destination().get());
        }
        int next = (c.req().mixdepth() + 1) % c.wallet().mixdepths();
        return addressScript(c.wallet().freshInternalAddress(next));
    }

    private byte[] addressScript(String address) {
        Address a = AddressParser.getDefault(c.cfg().network().bitcoinj()).parseAddress(address);
        return ScriptBuilder.createOutputScript(a).program();
    }
}
