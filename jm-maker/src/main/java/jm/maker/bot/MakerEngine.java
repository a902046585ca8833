package jm.maker.bot;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.command.Auth;
import jm.core.command.Command;
import jm.core.command.Commands;
import jm.core.command.Fill;
import jm.core.command.Hp2;
import jm.core.command.Orderbook;
import jm.core.command.ParsedCommands;
import jm.core.command.PrivateCommand;
import jm.core.command.PublicCommand;
import jm.core.command.Push;
import jm.core.command.Tx;
import jm.core.limit.TokenBucket;
import jm.maker.limit.Deduplicator;
import jm.maker.limit.RelayedTrafficLimiter;
import jm.maker.offer.MakerOffers;
import jm.maker.session.SessionTable;
import org.bitcoinj.base.Sha256Hash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maker's dispatcher: turns incoming public and private messages into work for its parts,
 * after de-duplication and the flood limits, and runs their periodic work. The parts, one job
 * each: {@link OfferAnnouncer} (offers, announcements, {@code !orderbook} answers),
 * {@link SessionSteps} (the CoinJoin steps with their wallet side effects), {@link BroadcastWatcher}
 * (what becomes of the CoinJoins we signed) and {@link Replies} (answers on the taker's last channel).
 *
 * <p>Not thread-safe: every method must run on one serial executor (never a Netty event loop);
 * wallet and chain calls block there. Time comes from the injected {@link Clock}.
 *
 * @param <C> the transport's channel type (a directory or a direct connection)
 */
public final class MakerEngine<C> {
    private static final Logger log = LoggerFactory.getLogger(MakerEngine.class);

    private final MakerSettings settings;
    private final CommitmentBlacklist blacklist;
    private final Outbox<C> out;
    private final Clock clock;
    private final SessionTable sessions;
    private final Deduplicator dedup = new Deduplicator();
    private final RelayedTrafficLimiter relayedLimits = new RelayedTrafficLimiter();
    /** Blacklist appends from broadcast {@code !hp2}: 10/s, burst 100. */
    private final TokenBucket hp2Budget;
    private final Replies<C> replies;
    private final OfferAnnouncer<C> offers;
    private final BroadcastWatcher broadcasts;
    private final SessionSteps<C> steps;

    /**
     * @param ownNicks  nicks of our own processes (self-CoinJoin guard)
     * @param bondProof our {@code !tbond} proof for a requesting taker's nick, if we have a bond
     */
    public MakerEngine(MakerSettings settings, MakerWallet wallet, MakerChain chain, Outbox<C> out,
                       CommitmentBlacklist blacklist, CoinJoinHistory history, Predicate<Nick> ownNicks,
                       Function<Nick, Optional<String>> bondProof, Clock clock, SecureRandom random) {
        MakerPorts<C> ports = new MakerPorts<>(settings, wallet, chain, out, blacklist, history, clock, random);
        this.settings = settings;
        this.blacklist = blacklist;
        this.out = out;
        this.clock = clock;
        this.sessions = new SessionTable(ownNicks, blacklist::contains, settings.sessionTimeout(),
                SessionTable.DEFAULT_PUSH_WINDOW, SessionTable.DEFAULT_MAX_SESSIONS);
        this.hp2Budget = new TokenBucket(10, 100, clock.instant());
        this.replies = new Replies<>(out);
        this.offers = new OfferAnnouncer<>(ports, bondProof);
        this.broadcasts = new BroadcastWatcher(ports, () -> offers.refresh(false));
        this.steps = new SessionSteps<>(ports, sessions, offers, broadcasts, replies);
    }

    // ------------------------------------------------------------------ state

    /** Current offers. */
    public MakerOffers offers() {
        return offers.offers();
    }

    /** {@code !orderbook} requests waiting for the global answer budget. */
    public int orderbookWaiting() {
        return offers.orderbookWaiting();
    }

    /** {@code !orderbook} requests that reached the global answer budget since start. */
    public long orderbookRequests() {
        return offers.orderbookRequests();
    }

    /** Number of live sessions. */
    public int sessionCount() {
        return sessions.size();
    }

    /** Takers in a live session whose PoDLE commitment we verified (served first under load). */
    public Set<Nick> verifiedTakers() {
        return sessions.commitmentVerifiedTakers(clock.instant());
    }

    /** Transactions we signed since start, oldest first (the latest {@link SessionTable#MAX_SIGNED_RECORDS}). */
    public List<Sha256Hash> signedTxids() {
        return broadcasts.signedTxids();
    }

    // ------------------------------------------------------------------ offers

    /**
     * Recomputes offers from wallet balances. If they changed, schedules a public re-announcement
     * after a random delay ({@code immediately} for the first announcement after connecting).
     *
     * @return whether the offers changed
     */
    public boolean refreshOffers(boolean immediately) {
        return offers.refresh(immediately);
    }

    /** Publishes every current offer (one PUBMSG each, without bond). */
    public void announceOffers() {
        offers.announce();
    }

    /** Withdraws our offers publicly ({@code !cancel} for each oid), e.g. at shutdown. */
    public void withdrawOffers() {
        offers.withdraw();
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
                replies.error(from, "bad fill: " + e.field());
            }
            return;
        }
        replies.route(from, via);
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
            steps.fill(from, fill, now);
        } else if (c instanceof Auth auth) {
            steps.auth(from, auth, now);
        } else if (c instanceof Tx tx) {
            steps.tx(from, tx, now);
        } else if (c instanceof Push push) {
            steps.push(from, push, now);
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
        if (!direct && relayedLimits.orderbook(from, now) != RelayedTrafficLimiter.Decision.ANSWER) {
            return;
        }
        // only a taker whose commitment we verified goes ahead of the global budget: a bare !fill is free
        offers.requestOrderbook(from, via, sessions.commitmentVerified(from, now), now);
    }

    // ------------------------------------------------------------------ housekeeping

    /**
     * Periodic work: expires sessions (releasing their reservations), answers queued
     * {@code !orderbook}s, follows the CoinJoins we signed (recomputing offers when one is
     * broadcast, releasing the coins of one that never is) and re-announces changed offers when due.
     */
    public void tick() {
        Instant now = clock.instant();
        steps.expire(now);
        offers.flushOrderbook(now);
        broadcasts.check(now);
        offers.announceIfDue(now);
    }

    /** Checks pending CoinJoins for confirmations and records them in the history. */
    public void checkConfirmations() {
        broadcasts.checkConfirmations();
    }
}
