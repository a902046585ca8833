package jm.maker.bot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.Sats;
import jm.core.command.Auth;
import jm.core.command.Fill;
import jm.core.command.IoAuth;
import jm.core.command.IoAuthPayload;
import jm.core.command.PubKey;
import jm.core.command.Push;
import jm.core.command.Sig;
import jm.core.command.Tx;
import jm.core.crypto.BoxChannel;
import jm.core.crypto.BoxKeyPair;
import jm.core.offer.Dust;
import jm.core.podle.UtxoRef;
import jm.core.wire.Features;
import jm.maker.session.FillDecision;
import jm.maker.session.FillRequest;
import jm.maker.session.MakerSession;
import jm.maker.session.PushDecision;
import jm.maker.session.SessionState;
import jm.maker.session.SessionTable;
import jm.maker.session.StepResult;
import jm.maker.session.TxOutcome;
import jm.maker.tx.CoinJoinTerms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CoinJoin session steps with their side effects: {@code !fill} → {@code !pubkey},
 * {@code !auth} checked by {@link AuthCheck} → coins reserved, commitment consumed, {@code !ioauth};
 * {@code !tx} → {@code !sig}s (the signed CoinJoin handed to the {@link BroadcastWatcher}, the
 * history row written); {@code !push} → the watcher; reservations of sessions that end without
 * signing released. The {@link SessionTable} decides what each step may do. Not thread-safe: used
 * on the engine's serial executor.
 *
 * @param <C> the transport's channel type
 */
final class SessionSteps<C> {
    private static final Logger log = LoggerFactory.getLogger(SessionSteps.class);
    /** How our reservations for a session are named in the wallet: this, the session id, the taker's nick. */
    static final String OWNER_PREFIX = "maker-session-";

    private final MakerPorts<C> ports;
    private final SessionTable sessions;
    private final AuthCheck authCheck;
    private final OfferAnnouncer<C> offers;
    private final BroadcastWatcher broadcasts;
    private final Replies<C> replies;
    /** Reservation owner and funding of each live session past {@code !auth} (bounded by the session table). */
    private final Map<Long, Funded> funded = new HashMap<>();

    private record Funded(String owner, Funding funding) {
    }

    SessionSteps(MakerPorts<C> ports, SessionTable sessions, OfferAnnouncer<C> offers, BroadcastWatcher broadcasts,
                 Replies<C> replies) {
        this.ports = ports;
        this.sessions = sessions;
        this.authCheck = new AuthCheck(ports.settings(), ports.chain());
        this.offers = offers;
        this.broadcasts = broadcasts;
        this.replies = replies;
    }

    void fill(Nick from, Fill fill, Instant now) {
        BoxKeyPair own = BoxKeyPair.generate(ports.random());
        BoxChannel box;
        try {
            box = BoxChannel.of(own, fill.takerBoxPubHex());
        } catch (ProtocolException e) {
            replies.error(from, "Invalid nacl pubkey: " + fill.takerBoxPubHex());
            return;
        }
        FillRequest request = new FillRequest(fill.oid(), fill.amount().value(), fill.takerBoxPubHex(),
                fill.commitment().toFillField());
        FillDecision d = sessions.fill(from, request, offers.offers(), new BoxSessionCipher(own, box, ports.random()), now);
        if (d instanceof FillDecision.Rejected r) {
            log.info("{} !fill refused: {}", from, r.reason());
            if (!r.errorText().isEmpty()) {
                replies.error(from, r.errorText());
            }
            return;
        }
        FillDecision.Accepted a = (FillDecision.Accepted) d;
        // a replaced session that already signed keeps its inputs reserved (the taker may still broadcast)
        a.replaced().filter(old -> old.state() != SessionState.SIG_SENT).ifPresent(this::release);
        log.info("{} session {}: !fill oid {} amount {}", from, a.session().id(), fill.oid(), fill.amount().value());
        // NG takers on neutrino pick only makers signalling neutrino_compat; reference takers read the key only
        replies.send(from, new PubKey(own.publicKeyHex(), Set.of(Features.NEUTRINO_COMPAT)));
    }

    void auth(Nick from, Auth auth, Instant now) {
        StepResult step = sessions.forAuth(from, now);
        if (step instanceof StepResult.Refused r) {
            log.info("{} !auth refused: {}", from, r.reason());
            return;
        }
        MakerSession s = ((StepResult.Found) step).session();
        AuthVerdict verdict = authCheck.check(s, auth, offers.offers());
        if (verdict instanceof AuthVerdict.Verified v) {
            verdict = join(s, v);
        }
        if (verdict instanceof AuthVerdict.Refused r) {
            log.info("{} session {}: !auth refused: {}", from, s.id(), r.reason());
            sessions.abort(from);
            release(s);
            replies.error(from, r.reason());
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
        String owner = OWNER_PREFIX + s.id() + "-" + s.taker().value();
        Optional<Funding> funding = ports.wallet().fund(Sats.of(Math.max(1, target)), owner, ports.settings().reservationTtl());
        funding.ifPresent(fu -> funded.put(s.id(), new Funded(owner, fu)));
        return funding;
    }

    /** The commitment is consumed now: durable before anyone sees our {@code !ioauth}. */
    private boolean consumeCommitment(MakerSession s) {
        try {
            ports.blacklist().add(s.commitmentHex());
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
        CoinJoinTerms terms = new CoinJoinTerms(fu.inputs(), fu.scripts(), v.amount(), v.cjFee(), v.txFee(),
                ports.chain().tipHeight());
        sessions.ioauthSent(s, terms);
        replies.send(s.taker(), new IoAuth(s.cipher().encrypt(payload.toWire())));
        log.info("{} session {}: !ioauth sent, {} input(s) from mixdepth {}", s.taker(), s.id(), fu.inputs().size(),
                fu.mixdepth());
        try {
            ports.out().broadcastCommitment(s.commitmentHex());
        } catch (RuntimeException e) {
            log.debug("commitment broadcast failed: {}", e.toString());
        }
    }

    /**
     * Our inputs in the extended form {@code txid:vout:scriptPubKey:height} (5.7), for a taker
     * whose {@code !auth} was extended (NG neutrino takers cannot check legacy entries). The
     * heights are read between two equal tip heights; an input the chain cannot describe stays
     * legacy.
     */
    private List<UtxoRef> extendedRefs(Collection<OutPoint> inputs) {
        for (int attempt = 0; ; attempt++) {
            long tip = ports.chain().tipHeight();
            List<UtxoRef> refs = new ArrayList<>(inputs.size());
            for (OutPoint op : inputs) {
                refs.add(ports.chain().unspent(op).filter(u -> u.confirmations() >= 1)
                        .map(u -> UtxoRef.extended(op, u.scriptPubKey(), tip - u.confirmations() + 1))
                        .orElse(UtxoRef.legacy(op)));
            }
            if (ports.chain().tipHeight() == tip || attempt == 2) {
                return refs;
            }
        }
    }

    void tx(Nick from, Tx tx, Instant now) {
        TxOutcome outcome = sessions.onTx(from, tx.ciphertext(), ports.wallet().ownCoins(), ports.wallet().signer(), now);
        if (outcome instanceof TxOutcome.Refused r) {
            log.warn("{} !tx refused, nothing signed: {} {}", from, r.reason(), r.verdict().detail());
            replies.error(from, "transaction rejected: " + r.reason());
            return;
        }
        TxOutcome.Signed signed = (TxOutcome.Signed) outcome;
        MakerSession s = sessions.get(from).orElseThrow();
        for (String sig : signed.encryptedSigs()) {
            replies.send(from, new Sig(sig));
        }
        // the signed inputs stay reserved until spent (or the watcher's timeout): offers drop them now
        broadcasts.signed(signed.txid(), now);
        offers.refresh(false);
        CoinJoinTerms terms = s.terms().orElseThrow();
        Funded f = funded.remove(s.id());
        log.info("{} session {}: signed {} input(s) of {} (fee {} - txfee {})", from, s.id(),
                signed.encryptedSigs().size(), signed.txid(), terms.cjFee().value(), terms.txFee().value());
        try {
            ports.history().recordSigned(new CoinJoinHistory.MakerEntry(now, signed.txid().toString(), terms.amount().value(),
                    from.value(), terms.cjFee().value(), terms.txFee().value(), f == null ? 0 : f.funding().mixdepth(),
                    f == null ? "" : f.funding().cjAddress(), f == null ? "" : f.funding().changeAddress(),
                    terms.declaredInputs().keySet().stream().map(OutPoint::toWire).toList(), ports.settings().network()));
        } catch (RuntimeException e) {
            log.warn("history not written: {}", e.toString());
        }
    }

    void push(Nick from, Push push, Instant now) {
        PushDecision d = sessions.onPush(from, Base64.getEncoder().encodeToString(push.tx()), now);
        if (d instanceof PushDecision.Refused r) {
            log.info("{} !push refused: {}", from, r.reason());
            return;
        }
        broadcasts.push(from, ((PushDecision.Broadcast) d).rawTx(), now);
    }

    /** Ends timed-out sessions, releasing what those that signed nothing had reserved. */
    void expire(Instant now) {
        for (MakerSession s : sessions.expire(now)) {
            log.info("{} session {} timed out in {}", s.taker(), s.id(), s.state());
            release(s);
        }
    }

    /** Releases what {@code s} reserved (nothing if it reserved nothing). */
    private void release(MakerSession s) {
        Funded f = funded.remove(s.id());
        if (f != null) {
            ports.wallet().release(f.owner());
        }
    }
}
