package jm.maker.bot;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.Sats;
import jm.core.command.Auth;
import jm.core.command.Sig;
import jm.core.command.OfferCommand;
import jm.core.command.IoAuth;
import jm.core.command.ErrorCommand;
import jm.core.command.Command;
import jm.core.command.Commands;
import jm.core.command.Fill;
import jm.core.command.Hp2;
import jm.core.command.IoAuthPayload;
import jm.core.command.Orderbook;
import jm.core.command.ParsedCommands;
import jm.core.command.PrivateCommand;
import jm.core.command.PubKey;
import jm.core.command.PublicCommand;
import jm.core.command.Push;
import jm.core.command.Tx;
import jm.core.crypto.BoxChannel;
import jm.core.crypto.BoxKeyPair;
import jm.core.limit.BoundedMap;
import jm.core.limit.TokenBucket;
import jm.core.offer.Dust;
import jm.core.offer.Offer;
import jm.core.podle.UtxoRef;
import jm.core.wire.Features;
import jm.maker.limit.Deduplicator;
import jm.maker.limit.OrderbookBudget;
import jm.maker.limit.RelayedTrafficLimiter;
import jm.maker.offer.MakerOffers;
import jm.maker.offer.OfferFactory;
import jm.maker.session.FillDecision;
import jm.maker.session.FillRequest;
import jm.maker.session.MakerSession;
import jm.maker.session.PushDecision;
import jm.maker.session.SessionTable;
import jm.maker.session.StepResult;
import jm.maker.session.TxOutcome;
import jm.maker.tx.CoinJoinTerms;
import org.bitcoinj.base.Sha256Hash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maker's protocol driver: turns incoming public and private messages into session steps,
 * offer replies and wallet/chain actions, and answers through an {@link Outbox}. Owns the
 * {@link SessionTable}, the current offers, de-duplication and the flood limits.
 *
 * <p>Not thread-safe: every method must run on one serial executor (never a Netty event loop);
 * wallet and chain calls block there. Time comes from the injected {@link Clock}.
 *
 * @param <C> the transport's channel type (a directory or a direct connection)
 */
public final class MakerEngine<C> {
    private static final Logger log = LoggerFactory.getLogger(MakerEngine.class);
    /** At most one {@code !push} broadcast per 10 s on average, burst 3. */
    static final double PUSH_RATE = 0.1;
    static final int MAX_ROUTES = 10_000;

    private final MakerSettings settings;
    private final MakerWallet wallet;
    private final MakerChain chain;
    private final Outbox<C> out;
    private final CommitmentBlacklist blacklist;
    private final CoinJoinHistory history;
    private final Predicate<Nick> ownNicks;
    private final Function<Nick, Optional<String>> bondProof;
    private final Clock clock;
    private final SecureRandom random;

    private final SessionTable sessions;
    private final AuthCheck authCheck;
    private final Deduplicator dedup = new Deduplicator();
    private final RelayedTrafficLimiter relayedLimits = new RelayedTrafficLimiter();
    private final OrderbookBudget<OrderbookRequest<C>> orderbookBudget;
    private final TokenBucket pushBudget;
    /** Blacklist appends from broadcast {@code !hp2}: 10/s, burst 100. */
    private final TokenBucket hp2Budget;
    private final Map<Nick, C> lastRoute = new BoundedMap<>(MAX_ROUTES, true);
    private final Map<Long, String> sessionOwners = new HashMap<>();
    private MakerOffers offers = new MakerOffers(List.of());
    private Instant announceAt;
    /** CoinJoins we signed, oldest first, with when (the latest {@link SessionTable#MAX_SIGNED_RECORDS}). */
    private final Map<Sha256Hash, Instant> signedTxids = new BoundedMap<>(SessionTable.MAX_SIGNED_RECORDS, false);
    /** CoinJoins we signed, not yet seen on the network, with when we signed them (at most {@link SessionTable#MAX_SIGNED_RECORDS}). */
    private final Map<Sha256Hash, Instant> awaitingBroadcast = new BoundedMap<>(SessionTable.MAX_SIGNED_RECORDS, false);

    /** An {@code !orderbook} waiting for the global budget. */
    record OrderbookRequest<C>(Nick from, C via) {
    }

    /**
     * @param ownNicks  nicks of our own processes (self-CoinJoin guard)
     * @param bondProof our {@code !tbond} proof for a requesting taker's nick, if we have a bond
     */
    public MakerEngine(MakerSettings settings, MakerWallet wallet, MakerChain chain, Outbox<C> out,
                       CommitmentBlacklist blacklist, CoinJoinHistory history, Predicate<Nick> ownNicks,
                       Function<Nick, Optional<String>> bondProof, Clock clock, SecureRandom random) {
        this.settings = Objects.requireNonNull(settings);
        this.wallet = Objects.requireNonNull(wallet);
        this.chain = Objects.requireNonNull(chain);
        this.out = Objects.requireNonNull(out);
        this.blacklist = Objects.requireNonNull(blacklist);
        this.history = Objects.requireNonNull(history);
        this.ownNicks = Objects.requireNonNull(ownNicks);
        this.bondProof = Objects.requireNonNull(bondProof);
        this.clock = Objects.requireNonNull(clock);
        this.random = Objects.requireNonNull(random);
        this.sessions = new SessionTable(ownNicks, blacklist::contains, settings.sessionTimeout(),
                SessionTable.DEFAULT_PUSH_WINDOW, SessionTable.DEFAULT_MAX_SESSIONS);
        this.orderbookBudget = new OrderbookBudget<>(clock.instant());
        this.authCheck = new AuthCheck(settings, chain);
        this.pushBudget = new TokenBucket(PUSH_RATE, 3, clock.instant());
        this.hp2Budget = new TokenBucket(10, 100, clock.instant());
    }

    // ------------------------------------------------------------------ offers

    /** Current offers. */
    public MakerOffers offers() {
        return offers;
    }

    /** {@code !orderbook} requests waiting for the global answer budget. */
    public int orderbookWaiting() {
        return orderbookBudget.waiting();
    }

    /** Number of live sessions. */
    public int sessionCount() {
        return sessions.size();
    }

    /** Takers in a live session whose PoDLE commitment we verified (served first under load). */
    public java.util.Set<Nick> verifiedTakers() {
        return sessions.commitmentVerifiedTakers(clock.instant());
    }

    /**
     * Recomputes offers from wallet balances. If they changed, schedules a public re-announcement
     * after a random delay ({@code immediately} for the first announcement after connecting).
     *
     * @return whether the offers changed
     */
    public boolean refreshOffers(boolean immediately) {
        List<Offer> fresh = OfferFactory.build(wallet.offerableBalances(), settings.offers(), random);
        boolean changed = !fresh.equals(offers.offers());
        if (changed) {
            // withdraw offer ids that no longer exist (reference behaviour; NG just stops announcing them)
            StringBuilder cancels = new StringBuilder();
            for (Offer old : offers.offers()) {
                if (fresh.stream().noneMatch(o -> o.oid() == old.oid())) {
                    cancels.append(cancels.length() == 0 ? "" : "!").append("cancel ").append(old.oid());
                }
            }
            if (cancels.length() > 0) {
                out.publish(cancels.toString());
            }
            offers = new MakerOffers(fresh);
            log.info("offers now: {}", fresh.isEmpty() ? "none (insufficient balance)" : fresh.stream().map(Offer::toWire).toList());
        }
        if (immediately) {
            announceAt = clock.instant();
        } else if (changed) {
            // Private answers (!orderbook, !fill checks) use the new offers from now on; only the
            // unsolicited public re-announcement waits a random 0..reannounce_delay_max (NG, 600 s):
            // a public offer change right after a broadcast would tell every watcher which
            // CoinJoin on chain was ours and roughly how much we put in.
            long maxMs = settings.reannounceDelayMax().toMillis();
            announceAt = clock.instant().plusMillis(maxMs <= 0 ? 0 : random.nextLong(maxMs + 1));
        }
        return changed;
    }

    /**
     * A CoinJoin we signed reached the network (our own {@code !push} or seen by the node): the
     * wallet re-reads its coins and offers are recomputed at once, so that nothing we answer
     * promises coins that are already spent (the reference recomputes on broadcast too).
     */
    private void onCoinJoinBroadcast(Sha256Hash txid) {
        awaitingBroadcast.remove(txid);
        try {
            wallet.sync();
        } catch (RuntimeException e) {
            log.warn("wallet sync after broadcast of {} failed: {}", txid, e.toString());
        }
        refreshOffers(false);
    }

    /** Signed CoinJoins not seen on the network yet: asks the node about each (bounded, pruned after the push window). */
    private void checkBroadcasts(Instant now) {
        if (awaitingBroadcast.isEmpty()) {
            return;
        }
        awaitingBroadcast.values().removeIf(signedAt -> now.isAfter(signedAt.plus(SessionTable.DEFAULT_PUSH_WINDOW)));
        for (Sha256Hash txid : List.copyOf(awaitingBroadcast.keySet())) {
            try {
                if (chain.confirmations(txid).isPresent()) {
                    log.info("CoinJoin {} broadcast, recomputing offers", txid);
                    onCoinJoinBroadcast(txid);
                }
            } catch (RuntimeException e) {
                log.debug("broadcast check of {} failed: {}", txid, e.toString());
            }
        }
    }

    /** Publishes every current offer (one PUBMSG each, without bond). */
    public void announceOffers() {
        for (Offer o : offers.offers()) {
            out.publish(o.toWire());
        }
        announceAt = null;
    }

    /** Withdraws our offers publicly ({@code !cancel} for each oid), e.g. at shutdown. */
    public void withdrawOffers() {
        if (offers.isEmpty()) {
            return;
        }
        StringBuilder body = new StringBuilder();
        for (Offer o : offers.offers()) {
            if (body.length() > 0) {
                body.append('!');
            }
            body.append("cancel ").append(o.oid());
        }
        out.publish(body.toString());
        offers = new MakerOffers(List.of());
    }

    // ------------------------------------------------------------------ inbound

    /**
     * A PUBMSG. {@code direct}: it came over a direct connection (per-connection limits were
     * applied by the transport); otherwise it was relayed by a directory.
     */
    public void onPublic(C via, boolean direct, Nick from, String body) {
        Instant now = clock.instant();
        ParsedCommands<PublicCommand> parsed;
        try {
            parsed = Commands.parsePublicBody(body);
        } catch (ProtocolException e) {
            log.debug("{} dropped public message: {}", from, e.getMessage());
            return;
        }
        boolean orderbookSeen = false;
        for (PublicCommand c : parsed.commands()) {
            if (c instanceof Orderbook) {
                if (!orderbookSeen) { // one answer per message, however many times it asks
                    orderbookSeen = true;
                    requestOrderbook(via, direct, from, now);
                }
            } else if (c instanceof Hp2 hp2 && !direct && settings.acceptCommitmentBroadcasts()) {
                // each new entry is an fsynced append: bounded per nick and globally
                if (!relayedLimits.allowMessage(from, now) || !hp2Budget.tryTake(now)) {
                    continue;
                }
                if (blacklist.add(hp2.commitment().toHex())) {
                    log.debug("{} blacklisted broadcast commitment", from);
                }
            }
        }
    }

    /** A verified PRIVMSG addressed to us. */
    public void onPrivate(C via, boolean direct, Nick from, String command, String data) {
        Instant now = clock.instant();
        if (!dedup.firstSeen(from, command, data, now)) {
            return; // the same message through another directory
        }
        if (!direct && !relayedLimits.allowMessage(from, now)) {
            log.debug("{} rate-limited", from);
            return;
        }
        ParsedCommands<PrivateCommand> parsed;
        try {
            parsed = Commands.parsePrivateBody(command, data);
        } catch (ProtocolException e) {
            log.debug("{} dropped !{}: {}", from, command, e.getMessage());
            if ("fill".equals(command)) {
                reply(from, error("bad fill: " + e.field()));
            }
            return;
        }
        lastRoute.put(from, via);
        boolean orderbookSeen = false;
        for (PrivateCommand c : parsed.commands()) {
            if (c instanceof Orderbook) {
                if (orderbookSeen) {
                    continue; // one answer per message, however many times it asks
                }
                orderbookSeen = true;
            }
            try {
                dispatch(via, direct, from, c, now);
            } catch (RuntimeException e) {
                // a bug or a backend failure must never take the engine down
                log.warn("{} !{} failed: {}", from, command, e.toString());
            }
        }
    }

    private void dispatch(C via, boolean direct, Nick from, Command c, Instant now) {
        if (c instanceof Fill fill) {
            onFill(from, fill, now);
        } else if (c instanceof Auth auth) {
            onAuth(from, auth, now);
        } else if (c instanceof Tx tx) {
            onTx(from, tx, now);
        } else if (c instanceof Push push) {
            onPush(from, push, now);
        } else if (c instanceof Hp2 hp2 && !direct) {
            // relay request: blacklist and re-broadcast publicly
            String hex = hp2.commitment().toHex();
            blacklist.add(hex);
            out.publish("hp2 " + hex);
        } else if (c instanceof Orderbook) {
            requestOrderbook(via, direct, from, now);
        }
    }

    private void requestOrderbook(C via, boolean direct, Nick from, Instant now) {
        if (!direct) {
            RelayedTrafficLimiter.Decision d = relayedLimits.orderbook(from, now);
            if (d != RelayedTrafficLimiter.Decision.ANSWER) {
                return;
            }
        }
        // only a taker whose commitment we verified goes ahead of the global budget: a bare !fill is free
        orderbookBudget.submit(new OrderbookRequest<>(from, via), sessions.commitmentVerified(from, now));
        flushOrderbook(now);
    }

    /** Answers queued {@code !orderbook} requests the global budget allows now. */
    void flushOrderbook(Instant now) {
        for (OrderbookRequest<C> r : orderbookBudget.drain(now)) {
            sendOffers(r.from(), r.via());
        }
    }

    /**
     * Each offer in its own PRIVMSG (NG takers read only the first offer of a line; reference
     * takers read both layouts), each with {@code !tbond} last if we have a bond, so that the
     * bond reaches a taker whichever of our messages it keeps.
     */
    private void sendOffers(Nick to, C via) {
        List<Offer> list = offers.offers();
        if (list.isEmpty()) {
            return;
        }
        Optional<String> bond = bondProof.apply(to);
        for (Offer o : list) {
            out.sendOffer(to, new OfferCommand(o), bond, Optional.ofNullable(via));
        }
    }

    // ------------------------------------------------------------------ session steps

    private void onFill(Nick from, Fill fill, Instant now) {
        BoxKeyPair own = BoxKeyPair.generate(random);
        BoxChannel box;
        try {
            box = BoxChannel.of(own, fill.takerBoxPubHex());
        } catch (ProtocolException e) {
            reply(from, error("Invalid nacl pubkey: " + fill.takerBoxPubHex()));
            return;
        }
        FillRequest request = new FillRequest(fill.oid(), fill.amount().value(), fill.takerBoxPubHex(),
                fill.commitment().toFillField());
        FillDecision d = sessions.fill(from, request, offers, new BoxSessionCipher(own, box, random), now);
        if (d instanceof FillDecision.Rejected r) {
            log.info("{} !fill refused: {}", from, r.reason());
            if (!r.errorText().isEmpty()) {
                reply(from, error(r.errorText()));
            }
            return;
        }
        FillDecision.Accepted a = (FillDecision.Accepted) d;
        // a replaced session that already signed keeps its inputs reserved (the taker may still broadcast)
        a.replaced().filter(old -> old.state() != jm.maker.session.SessionState.SIG_SENT)
                .ifPresent(this::releaseSession);
        log.info("{} session {}: !fill oid {} amount {}", from, a.session().id(), fill.oid(), fill.amount().value());
        // NG takers on neutrino pick only makers signalling neutrino_compat; reference takers read the key only
        reply(from, new PubKey(own.publicKeyHex(), Set.of(Features.NEUTRINO_COMPAT)));
    }

    private void onAuth(Nick from, Auth auth, Instant now) {
        StepResult step = sessions.forAuth(from, now);
        if (step instanceof StepResult.Refused r) {
            log.info("{} !auth refused: {}", from, r.reason());
            return;
        }
        MakerSession s = ((StepResult.Found) step).session();
        AuthVerdict verdict = authCheck.check(s, auth, offers);
        if (verdict instanceof AuthVerdict.Verified v) {
            verdict = join(s, v);
        }
        if (verdict instanceof AuthVerdict.Refused r) {
            log.info("{} session {}: !auth refused: {}", from, s.id(), r.reason());
            sessions.abort(from);
            releaseSession(s);
            reply(from, error(r.reason()));
        }
    }

    /** Reserves our coins, consumes the commitment and sends {@code !ioauth}; refused if either fails. */
    private AuthVerdict join(MakerSession s, AuthVerdict.Verified v) {
        Optional<Funding> funding = reserve(s, v);
        if (funding.isEmpty()) {
            return new AuthVerdict.Refused("insufficient funds for this amount");
        }
        if (!consumeCommitment(s)) {
            return new AuthVerdict.Refused("internal error");
        }
        sendIoauth(s, v, funding.get());
        return v;
    }

    /** Reserves coins for a verified {@code !auth}: enough for the amount, our fee share and a change above dust. */
    private Optional<Funding> reserve(MakerSession s, AuthVerdict.Verified v) {
        long target = v.amount().value() + v.txFee().value() + Dust.DUST_THRESHOLD + 1 - v.cjFee().value();
        String owner = owner(s);
        Optional<Funding> funding = wallet.fund(Sats.of(Math.max(1, target)), owner, settings.reservationTtl());
        funding.ifPresent(fu -> sessionOwners.put(s.id(), owner));
        return funding;
    }

    /** The commitment is consumed now: durable before anyone sees our {@code !ioauth}. */
    private boolean consumeCommitment(MakerSession s) {
        try {
            blacklist.add(s.commitmentHex());
            return true;
        } catch (RuntimeException e) {
            log.error("commitment blacklist not writable, refusing the CoinJoin: {}", e.toString());
            return false;
        }
    }

    /** Sends {@code !ioauth} with our inputs and addresses, then gets the commitment blacklisted network-wide. */
    private void sendIoauth(MakerSession s, AuthVerdict.Verified v, Funding fu) {
        List<UtxoRef> refs = v.revelation().utxo().isExtended() ? extendedRefs(fu.inputs().keySet())
                : fu.inputs().keySet().stream().map(UtxoRef::legacy).toList();
        IoAuthPayload payload = IoAuthPayload.create(refs, fu.authKey(), fu.cjAddress(), fu.changeAddress(),
                s.cipher().ownPublicKeyHex());
        CoinJoinTerms terms = new CoinJoinTerms(fu.inputs(), fu.cjScript(), fu.changeScript(), v.amount(), v.cjFee(),
                v.txFee(), chain.tipHeight());
        sessions.ioauthSent(s, terms);
        pendingFunding.put(s.id(), fu);
        reply(s.taker(), new IoAuth(s.cipher().encrypt(payload.toWire())));
        log.info("{} session {}: !ioauth sent, {} input(s) from mixdepth {}", s.taker(), s.id(), fu.inputs().size(),
                fu.mixdepth());
        try {
            out.broadcastCommitment(s.commitmentHex());
        } catch (RuntimeException e) {
            log.debug("commitment broadcast failed: {}", e.toString());
        }
    }

    private final Map<Long, Funding> pendingFunding = new HashMap<>();

    /**
     * Our inputs in the extended form {@code txid:vout:scriptPubKey:height} (5.7), for a taker
     * whose {@code !auth} was extended (NG neutrino takers cannot check legacy entries). The
     * heights are read between two equal tip heights; an input the chain cannot describe stays
     * legacy.
     */
    private List<UtxoRef> extendedRefs(Collection<OutPoint> inputs) {
        for (int attempt = 0; ; attempt++) {
            long tip = chain.tipHeight();
            List<UtxoRef> refs = new ArrayList<>(inputs.size());
            for (OutPoint op : inputs) {
                refs.add(chain.unspent(op).filter(u -> u.confirmations() >= 1)
                        .map(u -> UtxoRef.extended(op, u.scriptPubKey(), tip - u.confirmations() + 1))
                        .orElse(UtxoRef.legacy(op)));
            }
            if (chain.tipHeight() == tip || attempt == 2) {
                return refs;
            }
        }
    }

    private void onTx(Nick from, Tx tx, Instant now) {
        TxOutcome outcome = sessions.onTx(from, tx.ciphertext(), wallet.ownCoins(), wallet.signer(), now);
        if (outcome instanceof TxOutcome.Refused r) {
            log.warn("{} !tx refused, nothing signed: {} {}", from, r.reason(), r.verdict().detail());
            reply(from, error("transaction rejected: " + r.reason()));
            return;
        }
        TxOutcome.Signed signed = (TxOutcome.Signed) outcome;
        MakerSession s = sessions.get(from).orElseThrow();
        for (String sig : signed.encryptedSigs()) {
            reply(from, new Sig(sig));
        }
        // the signed inputs stay reserved until spent: offers drop them now, not at the next sync
        awaitingBroadcast.put(signed.txid(), now);
        refreshOffers(false);
        CoinJoinTerms terms = s.terms().orElseThrow();
        Funding fu = pendingFunding.remove(s.id());
        signedTxids.put(signed.txid(), now);
        log.info("{} session {}: signed {} input(s) of {} (fee {} - txfee {})", from, s.id(),
                signed.encryptedSigs().size(), signed.txid(), terms.cjFee().value(), terms.txFee().value());
        try {
            history.recordSigned(new CoinJoinHistory.MakerEntry(now, signed.txid().toString(), terms.amount().value(),
                    from.value(), terms.cjFee().value(), terms.txFee().value(), fu == null ? 0 : fu.mixdepth(),
                    fu == null ? "" : fu.cjAddress(), fu == null ? "" : fu.changeAddress(),
                    terms.declaredInputs().keySet().stream().map(OutPoint::toWire).toList(), settings.network()));
        } catch (RuntimeException e) {
            log.warn("history not written: {}", e.toString());
        }
    }

    private void onPush(Nick from, Push push, Instant now) {
        PushDecision d = sessions.onPush(from, Base64.getEncoder().encodeToString(push.tx()), now);
        if (d instanceof PushDecision.Refused r) {
            log.info("{} !push refused: {}", from, r.reason());
            return;
        }
        if (!pushBudget.tryTake(now)) {
            log.info("{} !push dropped: broadcast budget exhausted", from);
            return;
        }
        try {
            Sha256Hash txid = chain.broadcast(((PushDecision.Broadcast) d).rawTx());
            log.info("{} !push: broadcast {}", from, txid);
            onCoinJoinBroadcast(txid);
        } catch (RuntimeException e) {
            log.info("{} !push broadcast failed: {}", from, e.getMessage());
        }
    }

    // ------------------------------------------------------------------ housekeeping

    /**
     * Periodic work: expires sessions (releasing their reservations), answers queued
     * {@code !orderbook}s, recomputes offers when a CoinJoin we signed has been broadcast, and
     * re-announces changed offers when due.
     */
    public void tick() {
        Instant now = clock.instant();
        for (MakerSession s : sessions.expire(now)) {
            log.info("{} session {} timed out in {}", s.taker(), s.id(), s.state());
            releaseSession(s);
        }
        flushOrderbook(now);
        checkBroadcasts(now);
        if (announceAt != null && !now.isBefore(announceAt)) {
            announceOffers();
        }
    }

    /** Checks pending CoinJoins for confirmations and records them in the history. */
    public void checkConfirmations() {
        for (String txid : history.pendingTxids()) {
            try {
                Optional<Integer> conf = chain.confirmations(Sha256Hash.wrap(txid));
                if (conf.isPresent() && conf.get() > 0) {
                    history.recordConfirmed(txid, conf.get(), clock.instant());
                    log.info("CoinJoin {} confirmed ({} conf)", txid, conf.get());
                }
            } catch (RuntimeException e) {
                log.debug("confirmation check of {} failed: {}", txid, e.toString());
            }
        }
    }

    /** Transactions we signed since start, oldest first (the latest {@link SessionTable#MAX_SIGNED_RECORDS}). */
    public List<Sha256Hash> signedTxids() {
        return List.copyOf(signedTxids.keySet());
    }

    private void releaseSession(MakerSession s) {
        pendingFunding.remove(s.id());
        String owner = sessionOwners.remove(s.id());
        if (owner != null) {
            wallet.release(owner);
        }
    }

    private String owner(MakerSession s) {
        return "maker-session-" + s.id() + "-" + s.taker().value();
    }

    private void reply(Nick to, PrivateCommand command) {
        out.send(to, command, Optional.ofNullable(lastRoute.get(to)));
    }

    /** An {@code !error} with {@code text} made printable, without {@code !} and at most 1,000 characters. */
    static ErrorCommand error(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < ErrorCommand.MAX_CHARS; i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c > 0x7e || c == '!' ? ' ' : c);
        }
        return new ErrorCommand(b.toString().isBlank() ? "error" : b.toString());
    }

    Duration sessionTimeout() {
        return settings.sessionTimeout();
    }
}
