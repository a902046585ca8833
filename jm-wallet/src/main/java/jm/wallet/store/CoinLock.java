package jm.wallet.store;

/**
 * A reservation of a coin by a session (e.g. a maker's CoinJoin), persisted so that it
 * survives a restart.
 *
 * @param owner       who holds it (session id, taker nick, ...); never empty
 * @param untilEpochS Unix seconds after which the lock no longer counts
 */
public record CoinLock(String owner, long untilEpochS) {
    public CoinLock {
        if (owner == null || owner.isBlank() || owner.length() > 200) {
            throw new IllegalArgumentException("lock owner must be 1..200 characters");
        }
    }
}
