package jm.maker.bot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jm.core.Nick;
import jm.core.limit.BoundedMap;
import jm.core.limit.TokenBucket;
import jm.maker.session.SessionTable;
import org.bitcoinj.base.Sha256Hash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of the CoinJoins we signed: broadcasts a taker's {@code !push} (within a global
 * budget), watches the node for each signed CoinJoin reaching the network (then the wallet
 * re-reads its coins and the offers are recomputed), releases the coins of one that never does
 * within {@link #SIGNED_RESERVATION_TIMEOUT}, and records confirmations in the ports.history(). Bounded:
 * at most {@link SessionTable#MAX_SIGNED_RECORDS} CoinJoins are remembered. Not thread-safe: used
 * on the engine's serial executor; time from the injected clock.
 */
final class BroadcastWatcher {
    private static final Logger log = LoggerFactory.getLogger(BroadcastWatcher.class);
    /** At most one {@code !push} broadcast per 10 s on average, burst 3. */
    static final double PUSH_RATE = 0.1;
    /**
     * How long the coins of a CoinJoin we signed stay reserved while it is not seen on the network:
     * twice the {@code !push} window, after which even a taker that broadcasts itself is very
     * late; then they are offered again (should it still appear, it spends them as we agreed).
     */
    static final Duration SIGNED_RESERVATION_TIMEOUT = SessionTable.DEFAULT_PUSH_WINDOW.multipliedBy(2);

    private final MakerPorts<?> ports;
    private final Runnable coinsChanged;
    private final TokenBucket pushBudget;
    /** CoinJoins we signed, oldest first, with when. */
    private final Map<Sha256Hash, Instant> signedTxids = new BoundedMap<>(SessionTable.MAX_SIGNED_RECORDS, false);
    /** CoinJoins we signed, not yet seen on the network. */
    private final Map<Sha256Hash, Instant> awaiting = new BoundedMap<>(SessionTable.MAX_SIGNED_RECORDS, false);
    private boolean leftoversAdopted;

    /** @param coinsChanged called after our coins changed (broadcast seen, reservation released) */
    BroadcastWatcher(MakerPorts<?> ports, Runnable coinsChanged) {
        this.ports = ports;
        this.coinsChanged = Objects.requireNonNull(coinsChanged);
        this.pushBudget = new TokenBucket(PUSH_RATE, 3, ports.clock().instant());
    }

    /** We signed {@code txid}: its inputs of ours stay reserved until it is seen or times out. */
    void signed(Sha256Hash txid, Instant now) {
        signedTxids.put(txid, now);
        awaiting.put(txid, now);
    }

    /** Transactions we signed since start, oldest first (the latest {@link SessionTable#MAX_SIGNED_RECORDS}). */
    List<Sha256Hash> signedTxids() {
        return List.copyOf(signedTxids.keySet());
    }

    /** Broadcasts a CoinJoin a taker asked us to {@code !push} (already checked as ours to push), within the budget. */
    void push(Nick from, byte[] rawTx, Instant now) {
        if (!pushBudget.tryTake(now)) {
            log.info("{} !push dropped: broadcast budget exhausted", from);
            return;
        }
        try {
            Sha256Hash txid = ports.chain().broadcast(rawTx);
            log.info("{} !push: broadcast {}", from, txid);
            broadcastSeen(txid);
        } catch (RuntimeException e) {
            log.info("{} !push broadcast failed: {}", from, e.getMessage());
        }
    }

    /**
     * Asks the node about each signed CoinJoin not seen yet; releases the coins of those past
     * {@link #SIGNED_RESERVATION_TIMEOUT}. The first call also takes over the signed maker
     * reservations an earlier run left in the wallet, counting their time from now.
     */
    void check(Instant now) {
        if (!leftoversAdopted) {
            leftoversAdopted = true;
            adoptLeftovers(now);
        }
        for (Map.Entry<Sha256Hash, Instant> e : List.copyOf(awaiting.entrySet())) {
            Sha256Hash txid = e.getKey();
            try {
                if (ports.chain().confirmations(txid).isPresent()) {
                    log.info("CoinJoin {} broadcast, recomputing offers", txid);
                    broadcastSeen(txid);
                } else if (!now.isBefore(e.getValue().plus(SIGNED_RESERVATION_TIMEOUT))) {
                    awaiting.remove(txid);
                    ports.wallet().releaseSigned(txid);
                    log.info("CoinJoin {} not broadcast within {}: its inputs are offered again", txid,
                            SIGNED_RESERVATION_TIMEOUT);
                    coinsChanged.run();
                }
            } catch (RuntimeException ex) {
                log.debug("broadcast check of {} failed: {}", txid, ex.toString());
            }
        }
    }

    private void adoptLeftovers(Instant now) {
        try {
            for (Map.Entry<Sha256Hash, String> e : ports.wallet().signedReservations().entrySet()) {
                if (e.getValue().startsWith(SessionSteps.OWNER_PREFIX)) {
                    awaiting.putIfAbsent(e.getKey(), now);
                }
            }
        } catch (RuntimeException e) {
            log.warn("signed reservations of an earlier run not read: {}", e.toString());
        }
    }

    /**
     * A CoinJoin we signed reached the network (our own {@code !push} or seen by the node): the
     * wallet re-reads its coins and offers are recomputed at once, so that nothing we answer
     * promises coins that are already spent (the reference recomputes on broadcast too).
     */
    private void broadcastSeen(Sha256Hash txid) {
        awaiting.remove(txid);
        try {
            ports.wallet().sync();
        } catch (RuntimeException e) {
            log.warn("wallet sync after broadcast of {} failed: {}", txid, e.toString());
        }
        coinsChanged.run();
    }

    /** Checks pending CoinJoins for confirmations and records them in the ports.history(). */
    void checkConfirmations() {
        for (String txid : ports.history().pendingTxids()) {
            try {
                Optional<Integer> conf = ports.chain().confirmations(Sha256Hash.wrap(txid));
                if (conf.isPresent() && conf.get() > 0) {
                    ports.history().recordConfirmed(txid, conf.get(), ports.clock().instant());
                    log.info("CoinJoin {} confirmed ({} conf)", txid, conf.get());
                }
            } catch (RuntimeException e) {
                log.debug("confirmation check of {} failed: {}", txid, e.toString());
            }
        }
    }
}
