package jm.taker.adapter;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.podle.Podle;
import jm.core.podle.PodleCommitment;
import jm.core.podle.PodleRevelation;
import jm.core.podle.UtxoRef;
import jm.taker.session.OwnCoin;
import jm.taker.session.TakerWallet;
import jm.wallet.Wallet;
import jm.wallet.coins.InsufficientFundsException;
import jm.wallet.coins.WalletCoin;
import jm.wallet.keys.Branch;
import org.bitcoinj.core.Transaction;

/** {@link TakerWallet} over jm-wallet's {@link Wallet}. Blocking (disk); not for event loops. */
public final class WalletTakerAdapter implements TakerWallet {
    /** How long a CoinJoin may hold its coins if the process dies without releasing them. */
    public static final Duration RESERVATION = Duration.ofHours(1);

    private final Wallet wallet;

    public WalletTakerAdapter(Wallet wallet) {
        this.wallet = Objects.requireNonNull(wallet);
    }

    @Override
    public int mixdepths() {
        return wallet.mixdepths();
    }

    @Override
    public List<OwnCoin> coins(int mixdepth) {
        return own(wallet.coins(mixdepth));
    }

    /** {@link Wallet#selectForTaker} over the confirmed, unfrozen, unreserved standard coins. */
    @Override
    public List<OwnCoin> select(int mixdepth, Sats target) {
        try {
            return own(wallet.selectForTaker(mixdepth, target, 1));
        } catch (InsufficientFundsException e) {
            return List.of();
        }
    }

    private static List<OwnCoin> own(List<WalletCoin> coins) {
        List<OwnCoin> out = new ArrayList<>();
        for (WalletCoin c : coins) {
            out.add(new OwnCoin(c.outpoint(), c.value(), c.scriptPubKey(), c.confirmations(), c.frozen(), c.locked(),
                    c.kind() == WalletCoin.Kind.BOND));
        }
        return out;
    }

    @Override
    public String freshInternalAddress(int mixdepth) {
        return wallet.freshAddress(mixdepth, Branch.INTERNAL).address();
    }

    @Override
    public void lock(Collection<OutPoint> coins, String owner) {
        wallet.reserve(coins, owner, RESERVATION);
    }

    @Override
    public void unlock(Collection<OutPoint> coins) {
        wallet.release(coins);
    }

    @Override
    public void sign(Transaction tx, Collection<OutPoint> ours) {
        wallet.sign(tx, ours);
    }

    @Override
    public PodleCommitment commitment(OutPoint coin, int index) {
        return Podle.commitment(wallet.keyFor(coin), index);
    }

    @Override
    public PodleRevelation prove(OutPoint coin, int index, SecureRandom random) {
        return Podle.prove(wallet.keyFor(coin), UtxoRef.legacy(coin), index, random);
    }
}
