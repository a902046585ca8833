package jm.maker.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import jm.core.Nick;
import jm.maker.tx.CoinJoinTerms;

/**
 * One CoinJoin with one taker nick. Mutable, owned by the {@link SessionTable} that created it;
 * callers read it and advance it only through the table.
 */
public final class MakerSession {
    private final long id;
    private final Nick taker;
    private final FillRequest fill;
    private final String commitmentHex;
    private final SessionCipher cipher;
    private final Instant started;
    private SessionState state = SessionState.PUBKEY_SENT;
    private CoinJoinTerms terms;

    MakerSession(long id, Nick taker, FillRequest fill, String commitmentHex, SessionCipher cipher, Instant started) {
        this.id = id;
        this.taker = Objects.requireNonNull(taker);
        this.fill = Objects.requireNonNull(fill);
        this.commitmentHex = Objects.requireNonNull(commitmentHex);
        this.cipher = Objects.requireNonNull(cipher);
        this.started = Objects.requireNonNull(started);
    }

    /** Sequence number of this session within its table (log correlation). */
    public long id() {
        return id;
    }

    public Nick taker() {
        return taker;
    }

    public FillRequest fill() {
        return fill;
    }

    /** The PoDLE commitment, 64 lowercase hex chars without the {@code P}. */
    public String commitmentHex() {
        return commitmentHex;
    }

    public SessionCipher cipher() {
        return cipher;
    }

    public Instant started() {
        return started;
    }

    public SessionState state() {
        return state;
    }

    /** Our terms from {@code !ioauth}; empty before. */
    public Optional<CoinJoinTerms> terms() {
        return Optional.ofNullable(terms);
    }

    void ioauthSent(CoinJoinTerms t) {
        if (state != SessionState.PUBKEY_SENT) {
            throw new IllegalStateException("session " + id + " is " + state);
        }
        this.terms = Objects.requireNonNull(t);
        this.state = SessionState.IOAUTH_SENT;
    }

    void signed() {
        if (state != SessionState.IOAUTH_SENT) {
            throw new IllegalStateException("session " + id + " is " + state);
        }
        this.state = SessionState.SIG_SENT;
    }

    @Override
    public String toString() {
        return "MakerSession[" + id + " " + taker + " " + state + "]";
    }
}
