package jm.wallet.store;

import java.util.List;
import java.util.Optional;
import jm.core.OutPoint;
import org.bitcoinj.base.Sha256Hash;

/**
 * A reservation of a coin by a session (e.g. a maker's CoinJoin), persisted so that it
 * survives a restart.
 *
 * <p>Only the process holding the wallet's lock reserves coins, so every reservation found by a
 * process that just took the lock was left by one that is gone: unless the coin was signed into
 * a transaction ({@link #signedTxid()}), which may still confirm, the new holder releases it.
 * A signed reservation is held until that transaction confirms or can no longer confirm (one of
 * its {@link #txInputs()} was spent by another transaction).
 *
 * @param owner       who holds it (session id, taker nick, ...); never empty
 * @param untilEpochS Unix seconds after which an unsigned lock no longer counts
 * @param signedTxid  the transaction this coin was signed into, if any
 * @param txInputs    every input of that transaction (empty if unsigned)
 */
public record CoinLock(String owner, long untilEpochS, Optional<Sha256Hash> signedTxid, List<OutPoint> txInputs) {
    public CoinLock {
        if (owner == null || owner.isBlank() || owner.length() > 200) {
            throw new IllegalArgumentException("lock owner must be 1..200 characters");
        }
        signedTxid = signedTxid == null ? Optional.empty() : signedTxid;
        txInputs = txInputs == null ? List.of() : List.copyOf(txInputs);
        if (txInputs.size() > 10_000) {
            throw new IllegalArgumentException("too many transaction inputs in a lock");
        }
    }

    public CoinLock(String owner, long untilEpochS) {
        this(owner, untilEpochS, Optional.empty(), List.of());
    }

    public boolean signed() {
        return signedTxid.isPresent();
    }

    /** Whether it keeps the coin out of selection at {@code nowEpochS}: signed, or not yet expired. */
    public boolean activeAt(long nowEpochS) {
        return signed() || untilEpochS > nowEpochS;
    }

    /** The same reservation, marked as signed into {@code txid} (which spends {@code inputs}). */
    public CoinLock signedInto(Sha256Hash txid, List<OutPoint> inputs) {
        return new CoinLock(owner, untilEpochS, Optional.of(txid), inputs);
    }
}
