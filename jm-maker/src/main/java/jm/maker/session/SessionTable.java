package jm.maker.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.Sats;
import jm.maker.tx.CoinJoinTerms;
import jm.maker.tx.OwnCoins;
import jm.maker.tx.TxVerdict;
import jm.maker.tx.TxVerifier;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;

/**
 * All CoinJoin sessions of one maker, keyed by taker nick, plus the transactions we signed.
 * Enforces PROTOCOL.md 8.1-8.5: a session per nick, replaced by a new {@code !fill}; a 300 s
 * timeout from the {@code !fill}; a commitment neither blacklisted nor held by another live
 * session; steps in order; nothing signed unless {@link TxVerifier} accepts; {@code !push} only
 * for a transaction we signed for that nick, once, within the pending window.
 *
 * <p>Not thread-safe: one serial executor owns a table. Time is always a parameter.
 */
public final class SessionTable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
    public static final Duration DEFAULT_PUSH_WINDOW = Duration.ofMinutes(60);
    public static final int DEFAULT_MAX_SESSIONS = 128;
    /** Bound on remembered signed transactions. */
    public static final int MAX_SIGNED_RECORDS = 1024;

    private final Predicate<Nick> ownNick;
    private final Predicate<String> blacklisted;
    private final Duration timeout;
    private final Duration pushWindow;
    private final int maxSessions;
    private final Map<Nick, MakerSession> sessions = new HashMap<>();
    private final Map<Sha256Hash, SignedRecord> signed = new LinkedHashMap<>();
    /**
     * Sessions holding reservations that timed out and left the table between two {@link #expire}
     * calls (the engine calls it every tick; capped in case nobody does).
     */
    private final List<MakerSession> droppedReserved = new ArrayList<>();
    private long nextId = 1;

    /**
     * @param ownNick     true for nicks of our own maker or taker processes (self-CoinJoin guard)
     * @param blacklisted true for a used commitment (64 lowercase hex)
     */
    public SessionTable(Predicate<Nick> ownNick, Predicate<String> blacklisted, Duration timeout,
                        Duration pushWindow, int maxSessions) {
        this.ownNick = Objects.requireNonNull(ownNick);
        this.blacklisted = Objects.requireNonNull(blacklisted);
        this.timeout = Objects.requireNonNull(timeout);
        this.pushWindow = Objects.requireNonNull(pushWindow);
        if (timeout.isNegative() || timeout.isZero() || maxSessions < 1) {
            throw new IllegalArgumentException("bad session limits");
        }
        this.maxSessions = maxSessions;
    }

    public SessionTable(Predicate<Nick> ownNick, Predicate<String> blacklisted) {
        this(ownNick, blacklisted, DEFAULT_TIMEOUT, DEFAULT_PUSH_WINDOW, DEFAULT_MAX_SESSIONS);
    }

    /** A signed CoinJoin remembered for {@code !push}. */
    private static final class SignedRecord {
        final Nick taker;
        final Instant at;
        boolean pushed;

        SignedRecord(Nick taker, Instant at) {
            this.taker = taker;
            this.at = at;
        }
    }

    // ------------------------------------------------------------------ !fill

    /**
     * Handles {@code !fill} (PROTOCOL.md 8.2). On acceptance the caller replies {@code !pubkey} with
     * {@code cipher.ownPublicKeyHex()}, and releases whatever the replaced session had reserved.
     */
    public FillDecision fill(Nick taker, FillRequest fill, OfferLookup offers, SessionCipher cipher, Instant now) {
        if (ownNick.test(taker)) {
            return new FillDecision.Rejected(FillDecision.Reason.OWN_NICK, "");
        }
        MakerSession live = sessions.get(taker);
        if (live != null && !isExpired(live, now) && live.fill().equals(fill)) {
            // a late second delivery of the !fill this session began with (its commitment may be
            // consumed by now): answering it would only confuse the taker
            return new FillDecision.Rejected(FillDecision.Reason.DUPLICATE, "");
        }
        String commitment = fill.commitmentHexOrNull();
        if (commitment == null) {
            return new FillDecision.Rejected(FillDecision.Reason.BAD_COMMITMENT,
                    "Unsupported commitment type: " + truncate(fill.commitment()));
        }
        if (blacklisted.test(commitment)) {
            return new FillDecision.Rejected(FillDecision.Reason.COMMITMENT_BLACKLISTED,
                    "Commitment is blacklisted: " + commitment);
        }
        dropExpired(now);
        for (MakerSession s : sessions.values()) {
            if (!s.taker().equals(taker) && s.commitmentHex().equals(commitment)) {
                return new FillDecision.Rejected(FillDecision.Reason.COMMITMENT_IN_USE,
                        "Commitment is in use: " + commitment);
            }
        }
        Optional<OfferLookup.SizeRange> range = offers.find(fill.oid());
        if (range.isEmpty()) {
            return new FillDecision.Rejected(FillDecision.Reason.UNKNOWN_OID, "oid not found");
        }
        if (!range.get().contains(fill.amount())) {
            return new FillDecision.Rejected(FillDecision.Reason.AMOUNT_OUT_OF_RANGE, "amount out of range");
        }
        String pk = fill.takerBoxPubHex();
        if (pk.length() != 64 || !FillRequest.isHex(pk)) {
            return new FillDecision.Rejected(FillDecision.Reason.BAD_BOX_KEY, "Invalid nacl pubkey: " + truncate(pk));
        }
        MakerSession previous = sessions.get(taker);
        if (previous == null && sessions.size() >= maxSessions && !evictOldestUnverified()) {
            return new FillDecision.Rejected(FillDecision.Reason.TOO_MANY_SESSIONS, "");
        }
        MakerSession session = new MakerSession(nextId++, taker, fill, commitment, cipher, now);
        sessions.put(taker, session);
        return new FillDecision.Accepted(session, Optional.ofNullable(previous));
    }

    // ------------------------------------------------------------------ !auth

    /** The session an {@code !auth} from {@code taker} belongs to, if it is waiting for one. */
    public StepResult forAuth(Nick taker, Instant now) {
        return find(taker, SessionState.PUBKEY_SENT, now);
    }

    /**
     * Records that {@code !ioauth} with {@code terms} is being sent for {@code session} (after the
     * commitment was persisted to the blacklist and our inputs reserved).
     */
    public void ioauthSent(MakerSession session, CoinJoinTerms terms) {
        requireCurrent(session);
        session.ioauthSent(terms);
    }

    /** Ends a session (failed {@code !auth}, shutdown); returns it if it was live. */
    public Optional<MakerSession> abort(Nick taker) {
        return Optional.ofNullable(sessions.remove(taker));
    }

    // ------------------------------------------------------------------ !tx

    /**
     * Handles {@code !tx}: session and step, decryption, base64, then every check of
     * {@link TxVerifier}. Only if all pass are our inputs signed, one {@code !sig} each; the
     * session then moves to {@link SessionState#SIG_SENT} and the txid is remembered for
     * {@code !push}. {@code signer} is never called on refusal.
     */
    public TxOutcome onTx(Nick taker, String ciphertext, OwnCoins wallet, InputSigner signer, Instant now) {
        StepResult step = find(taker, SessionState.IOAUTH_SENT, now);
        if (step instanceof StepResult.Refused r) {
            TxVerdict.Reason reason = switch (r.reason()) {
                case NO_SESSION -> TxVerdict.Reason.NO_SESSION;
                case WRONG_STATE -> TxVerdict.Reason.WRONG_STATE;
                case SESSION_EXPIRED -> TxVerdict.Reason.SESSION_EXPIRED;
            };
            return refuse(reason, "");
        }
        MakerSession session = ((StepResult.Found) step).session();
        String plaintext;
        try {
            plaintext = session.cipher().decrypt(ciphertext);
        } catch (ProtocolException | RuntimeException e) {
            return refuse(TxVerdict.Reason.UNDECRYPTABLE, e.getMessage());
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(plaintext.strip());
        } catch (IllegalArgumentException e) {
            return refuse(TxVerdict.Reason.BAD_BASE64, "");
        }
        CoinJoinTerms terms = session.terms().orElseThrow();
        TxVerdict verdict = TxVerifier.verify(raw, terms, wallet);
        if (verdict instanceof TxVerdict.Rejected rejected) {
            return new TxOutcome.Refused(rejected);
        }
        TxVerdict.Accepted accepted = (TxVerdict.Accepted) verdict;
        Transaction tx = accepted.tx();
        List<String> sigs = new ArrayList<>();
        for (int index : accepted.ourInputIndexes()) {
            var in = tx.getInputs().get(index);
            OutPoint op = new OutPoint(in.getOutpoint().hash(), in.getOutpoint().index());
            Sats value = terms.declaredInputs().get(op);
            byte[] blob = signer.sign(tx, index, op, value);
            sigs.add(session.cipher().encrypt(Base64.getEncoder().encodeToString(blob)));
        }
        Sha256Hash txid = tx.getTxId();
        session.signed();
        remember(txid, taker, now);
        return new TxOutcome.Signed(txid, sigs, accepted);
    }

    // ------------------------------------------------------------------ !push

    /**
     * Handles {@code !push}: only a transaction whose txid we signed for {@code taker}, within the
     * pending window, and only once.
     */
    public PushDecision onPush(Nick taker, String base64Tx, Instant now) {
        byte[] raw;
        Sha256Hash txid;
        try {
            raw = Base64.getDecoder().decode(base64Tx.strip());
        } catch (IllegalArgumentException e) {
            return new PushDecision.Refused(PushDecision.Reason.UNPARSABLE);
        }
        Optional<Transaction> parsed = TxVerifier.parse(raw);
        if (parsed.isEmpty()) {
            return new PushDecision.Refused(PushDecision.Reason.UNPARSABLE);
        }
        txid = parsed.get().getTxId();
        SignedRecord record = signed.get(txid);
        if (record == null || !record.taker.equals(taker)) {
            return new PushDecision.Refused(PushDecision.Reason.NEVER_SIGNED);
        }
        if (record.pushed) {
            return new PushDecision.Refused(PushDecision.Reason.ALREADY_PUSHED);
        }
        if (now.isAfter(record.at.plus(pushWindow))) {
            return new PushDecision.Refused(PushDecision.Reason.EXPIRED);
        }
        record.pushed = true;
        MakerSession s = sessions.get(taker);
        if (s != null && s.state() == SessionState.SIG_SENT) {
            sessions.remove(taker);
        }
        return new PushDecision.Broadcast(raw);
    }

    // ------------------------------------------------------------------ housekeeping

    /**
     * Removes sessions older than the timeout and forgets signed records past the pending window.
     *
     * @return the removed sessions that had not signed (their reservations must be released)
     */
    public List<MakerSession> expire(Instant now) {
        List<MakerSession> expired = new ArrayList<>(droppedReserved);
        droppedReserved.clear();
        for (Iterator<MakerSession> it = sessions.values().iterator(); it.hasNext(); ) {
            MakerSession s = it.next();
            if (isExpired(s, now)) {
                it.remove();
                if (s.state() != SessionState.SIG_SENT) {
                    expired.add(s);
                }
            }
        }
        signed.values().removeIf(r -> now.isAfter(r.at.plus(pushWindow)));
        return expired;
    }

    /** Drops timed-out sessions between two {@link #expire} calls, keeping those that hold reservations for it. */
    private void dropExpired(Instant now) {
        sessions.values().removeIf(s -> isExpired(s, now) && dropped(s));
    }

    /** {@code s} leaves the table off {@link #expire}: one that holds reservations is handed out by the next call. */
    private boolean dropped(MakerSession s) {
        if (s.state() == SessionState.IOAUTH_SENT && droppedReserved.size() < maxSessions * 4) {
            droppedReserved.add(s);
        }
        return true;
    }

    /** The live session of {@code taker}, if any (for reply routing and status). */
    public Optional<MakerSession> get(Nick taker) {
        return Optional.ofNullable(sessions.get(taker));
    }

    /** Number of live sessions. */
    public int size() {
        return sessions.size();
    }

    /**
     * Full table: a bare {@code !fill} costs a flooder nothing, so the oldest session still waiting
     * for {@code !auth} makes room (nothing is reserved for it yet) rather than a new taker being
     * locked out until the flood's sessions time out. Sessions past {@code !auth} are never evicted.
     */
    private boolean evictOldestUnverified() {
        MakerSession oldest = null;
        for (MakerSession s : sessions.values()) {
            if (s.state() == SessionState.PUBKEY_SENT && (oldest == null || s.id() < oldest.id())) {
                oldest = s;
            }
        }
        if (oldest == null) {
            return false;
        }
        sessions.remove(oldest.taker());
        return true;
    }

    /**
     * Whether {@code taker} is in a live session whose PoDLE commitment we verified ({@code !auth}
     * accepted, {@code !ioauth} sent or later). Only such a taker has spent something scarce (a
     * commitment is usable once), so only it may be served beyond the public budgets; a bare
     * {@code !fill} costs nothing.
     */
    public boolean commitmentVerified(Nick taker, Instant now) {
        MakerSession s = sessions.get(taker);
        return s != null && !isExpired(s, now) && s.state() != SessionState.PUBKEY_SENT;
    }

    /** Takers whose commitment we verified, in live sessions ({@link #commitmentVerified}). */
    public java.util.Set<Nick> commitmentVerifiedTakers(Instant now) {
        java.util.Set<Nick> out = new java.util.HashSet<>();
        for (MakerSession s : sessions.values()) {
            if (s.state() != SessionState.PUBKEY_SENT && !isExpired(s, now)) {
                out.add(s.taker());
            }
        }
        return out;
    }

    private StepResult find(Nick taker, SessionState expected, Instant now) {
        MakerSession s = sessions.get(taker);
        if (s == null) {
            return new StepResult.Refused(StepResult.Reason.NO_SESSION);
        }
        if (isExpired(s, now)) {
            sessions.remove(taker);
            dropped(s);
            return new StepResult.Refused(StepResult.Reason.SESSION_EXPIRED);
        }
        if (s.state() != expected) {
            return new StepResult.Refused(StepResult.Reason.WRONG_STATE);
        }
        return new StepResult.Found(s);
    }

    private boolean isExpired(MakerSession s, Instant now) {
        return !now.isBefore(s.started().plus(timeout));
    }

    private void requireCurrent(MakerSession session) {
        if (sessions.get(session.taker()) != session) {
            throw new IllegalStateException("session " + session.id() + " is no longer current");
        }
    }

    private void remember(Sha256Hash txid, Nick taker, Instant now) {
        signed.put(txid, new SignedRecord(taker, now));
        while (signed.size() > MAX_SIGNED_RECORDS) {
            Iterator<Sha256Hash> it = signed.keySet().iterator();
            it.next();
            it.remove();
        }
    }

    private static TxOutcome refuse(TxVerdict.Reason reason, String detail) {
        return new TxOutcome.Refused(new TxVerdict.Rejected(reason, detail));
    }

    private static String truncate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
