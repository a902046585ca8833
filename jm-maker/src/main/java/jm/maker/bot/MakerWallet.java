package jm.maker.bot;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import jm.core.Sats;
import jm.maker.session.InputSigner;
import jm.maker.tx.OwnCoins;
import org.bitcoinj.base.Sha256Hash;

/** What the maker needs from its wallet. Blocking; called on the maker's serial executor. */
public interface MakerWallet {

    /** Spendable, confirmed, unreserved sats per mixdepth, fidelity bonds excluded (for offers). */
    Map<Integer, Sats> offerableBalances();

    /**
     * Selects coins of one mixdepth worth at least {@code target} and reserves them for
     * {@code owner} (persisted, expiring after {@code ttl}); hands out the CoinJoin and change
     * addresses (persisted before they are returned).
     *
     * @return empty if no mixdepth can fund {@code target}
     */
    Optional<Funding> fund(Sats target, String owner, Duration ttl);

    /** Releases the reservations of {@code owner} that were not signed into a transaction. */
    void release(String owner);

    /**
     * Transactions our reserved coins were signed into and that the wallet still holds them for
     * (not yet confirmed nor conflicted), each with its reservation's owner.
     */
    Map<Sha256Hash, String> signedReservations();

    /** Releases the reservations of our coins signed into {@code txid}, a CoinJoin that never reached the network. */
    void releaseSigned(Sha256Hash txid);

    /** Our coins and scripts, for the {@code !tx} check. */
    OwnCoins ownCoins();

    /** Signs our inputs with amounts from the wallet's records. */
    InputSigner signer();

    /** Re-reads coins from the chain (after a CoinJoin, on a timer). */
    void sync();
}
