package jm.maker.bot;

import java.security.SecureRandom;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import jm.core.Nick;
import jm.core.bond.BondProof;
import jm.core.bond.TimeNumber;
import jm.wallet.Wallet;
import jm.wallet.coins.WalletCoin;
import org.bitcoinj.crypto.ECKey;

/**
 * Our {@code !tbond} proofs (PROTOCOL.md 10.2) from the wallet's fidelity bond: the confirmed bond
 * coin of the largest value, a certificate key fresh for this run, a certificate expiry from the
 * chain height at first use, and a proof per requesting taker nick. Empty if the wallet has no
 * confirmed bond.
 */
public final class WalletBondProofs implements BondSource {
    private final Wallet wallet;
    private final LongSupplier tipHeight;
    private final ECKey certKey;
    private Integer certExpiry;

    public WalletBondProofs(Wallet wallet, LongSupplier tipHeight, SecureRandom random) {
        this.wallet = Objects.requireNonNull(wallet);
        this.tipHeight = Objects.requireNonNull(tipHeight);
        this.certKey = ECKey.fromPrivate(new java.math.BigInteger(1, randomKey(random)));
    }

    private static byte[] randomKey(SecureRandom random) {
        byte[] k = new byte[32];
        random.nextBytes(k);
        k[0] &= 0x7f; // below the group order
        k[31] |= 1;   // non-zero
        return k;
    }

    @Override
    public synchronized Optional<String> proof(Nick taker, Nick maker) {
        Optional<WalletCoin> bond = wallet.coins().stream()
                .filter(c -> c.kind() == WalletCoin.Kind.BOND && c.confirmations() > 0)
                .max(Comparator.comparingLong(WalletCoin::sats));
        if (bond.isEmpty()) {
            return Optional.empty();
        }
        WalletCoin c = bond.get();
        if (certExpiry == null) {
            certExpiry = BondProof.certExpiryFor(tipHeight.getAsLong());
        }
        long locktime = TimeNumber.toLocktime(c.path().index());
        return Optional.of(BondProof.build(wallet.keyFor(c.outpoint()), certKey, certExpiry, taker, maker,
                c.outpoint(), locktime).toBase64());
    }
}
