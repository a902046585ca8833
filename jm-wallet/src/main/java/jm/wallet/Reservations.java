package jm.wallet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import jm.chain.ChainBackend;
import jm.core.OutPoint;
import jm.wallet.errors.WalletException;
import jm.wallet.store.CoinLock;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coin reservations (persisted {@link CoinLock}s): taken by a session, released by it, by its
 * owner's shutdown or by hand; marked signed before any signature exists and then held until
 * the chain settles the transaction.
 */
final class Reservations {
    private static final Logger LOG = LoggerFactory.getLogger(Reservations.class);

    private final String walletName;
    private final WalletMetadata meta;
    private final Clock clock;

    Reservations(String walletName, WalletMetadata meta, Clock clock) {
        this.walletName = walletName;
        this.meta = meta;
        this.clock = clock;
    }

    /**
     * Releases what an earlier process left that signed nothing (we just took the writer lock,
     * so every reservation on disk was made by a process that is gone).
     */
    List<OutPoint> releaseLeftovers() {
        List<OutPoint> stale = releaseUnsigned();
        if (!stale.isEmpty()) {
            LOG.info("wallet {}: released {} coin(s) reserved by an earlier run that signed nothing", walletName,
                    stale.size());
        }
        return stale;
    }

    void reserve(Collection<OutPoint> outpoints, String owner, Duration ttl) {
        long now = clock.instant().getEpochSecond();
        synchronized (meta) {
            for (OutPoint o : outpoints) {
                CoinLock l = meta.current().locks().get(o);
                if (l != null && l.activeAt(now) && (!l.owner().equals(owner) || l.signed())) {
                    throw new WalletException("coin " + o + " is already reserved (" + describe(l) + ")");
                }
            }
            CoinLock lock = new CoinLock(owner, Math.addExact(now, Math.max(1, ttl.toSeconds())));
            meta.update(next -> {
                next.dropExpiredLocks(now);
                outpoints.forEach(o -> next.lock(o, lock));
            });
        }
    }

    /** Releases these coins' reservations except signed ones. */
    void release(Collection<OutPoint> outpoints) {
        meta.update(next -> {
            for (OutPoint o : outpoints) {
                CoinLock l = next.locks().get(o);
                if (l != null && !l.signed()) {
                    next.unlock(o);
                }
            }
        });
    }

    void releaseOwner(String owner) {
        releaseWhere(l -> l.owner().equals(owner));
    }

    List<OutPoint> releaseUnsigned() {
        return releaseWhere(l -> !l.signed());
    }

    private List<OutPoint> releaseWhere(Predicate<CoinLock> which) {
        synchronized (meta) {
            List<OutPoint> matching = meta.current().locks().entrySet().stream()
                    .filter(e -> which.test(e.getValue())).map(Map.Entry::getKey).toList();
            release(matching);
            return matching.stream().filter(o -> !meta.current().locks().containsKey(o)).toList();
        }
    }

    /** Releases reservations by hand, signed ones too; returns the coins that were reserved. */
    List<OutPoint> releaseByHand(Collection<OutPoint> outpoints) {
        List<OutPoint> released = new ArrayList<>();
        meta.update(next -> {
            for (OutPoint o : outpoints) {
                if (next.locks().containsKey(o)) {
                    next.unlock(o);
                    released.add(o);
                }
            }
        });
        return released;
    }

    boolean isReserved(OutPoint outpoint) {
        CoinLock l = meta.current().locks().get(outpoint);
        return l != null && l.activeAt(clock.instant().getEpochSecond());
    }

    Map<OutPoint, CoinLock> all() {
        return Map.copyOf(meta.current().locks());
    }

    /**
     * Marks the reservations of coins about to be signed into {@code tx}: persisted before any
     * signature exists, so a crash after signing never frees a coin the transaction may still spend.
     */
    void markSigned(Transaction tx, Collection<OutPoint> outpoints) {
        List<OutPoint> inputs = new ArrayList<>();
        for (TransactionInput in : tx.getInputs()) {
            inputs.add(new OutPoint(in.getOutpoint().hash(), in.getOutpoint().index()));
        }
        meta.update(next -> {
            for (OutPoint o : outpoints) {
                CoinLock l = next.locks().get(o);
                if (l != null) {
                    next.lock(o, l.signedInto(tx.getTxId(), inputs));
                }
            }
        });
    }

    /**
     * Settles reservations signed into a transaction: released once our coin is spent in a block
     * (that transaction, or a conflicting one, confirmed) or once another input of that
     * transaction is spent in a block (it can no longer confirm). Held otherwise. Asks the
     * backend without holding the wallet lock.
     */
    List<OutPoint> settle(ChainBackend backend) {
        Map<OutPoint, CoinLock> signed = Map.copyOf(meta.current().locks());
        List<Map.Entry<OutPoint, CoinLock>> done = new ArrayList<>();
        for (var e : signed.entrySet()) {
            CoinLock l = e.getValue();
            if (!l.signed()) {
                continue;
            }
            boolean settled = backend.getTxOut(e.getKey(), false).isEmpty();
            for (int i = 0; !settled && i < l.txInputs().size(); i++) {
                OutPoint in = l.txInputs().get(i);
                settled = !in.equals(e.getKey()) && backend.getTxOut(in, false).isEmpty();
            }
            if (settled) {
                done.add(e);
            }
        }
        List<OutPoint> released = new ArrayList<>();
        meta.update(next -> done.stream().filter(e -> e.getValue().equals(next.locks().get(e.getKey())))
                .forEach(e -> {
                    next.unlock(e.getKey());
                    released.add(e.getKey());
                }));
        if (!released.isEmpty()) {
            LOG.info("wallet {}: released {} coin(s) whose signed transaction confirmed or can no longer confirm",
                    walletName, released.size());
        }
        return released;
    }

    /** Why a coin is reserved, for people: who holds it, until when, or the transaction it was signed into. */
    static String describe(CoinLock l) {
        if (l.signed()) {
            return "signed into transaction " + l.signedTxid().get() + " by " + l.owner()
                    + "; held until it confirms or one of its inputs is spent elsewhere";
        }
        return "by " + l.owner() + " until " + Instant.ofEpochSecond(l.untilEpochS());
    }
}
