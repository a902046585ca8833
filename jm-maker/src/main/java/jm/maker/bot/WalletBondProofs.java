package jm.maker.bot;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jm.chain.ChainBackend;
import jm.chain.TxOutInfo;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.bond.BondProof;
import jm.core.bond.BondValue;
import jm.wallet.Wallet;
import jm.wallet.bond.BondAddress;
import jm.wallet.coins.WalletCoin;
import org.bitcoinj.crypto.ECKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our {@code !tbond} proofs (PROTOCOL.md 10.2) from the wallet's fidelity bonds, as the chain sees
 * them: among the wallet's bond coins, the one that the node reports unspent, confirmed and
 * paying to its freeze script ({@code gettxout} without the mempool) and that is worth the most
 * the way takers value it (confirming block's header time, now = median time past); a bond worth
 * nothing (expired, or funded after its locktime) is never proven. The choice is made again at
 * each new tip. A certificate key fresh for this run, a certificate expiry from the chain height
 * at first use, and a proof per requesting taker nick. Empty without such a bond, or while the
 * node cannot be asked.
 */
public final class WalletBondProofs implements BondSource {
    private static final Logger LOG = LoggerFactory.getLogger(WalletBondProofs.class);

    private final Wallet wallet;
    private final ChainBackend chain;
    private final ECKey certKey;
    private Integer certExpiry;
    private long chosenAtTip = -1;
    private Optional<Map.Entry<OutPoint, BondAddress>> chosen = Optional.empty();

    public WalletBondProofs(Wallet wallet, ChainBackend chain, SecureRandom random) {
        this.wallet = Objects.requireNonNull(wallet);
        this.chain = Objects.requireNonNull(chain);
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
        long tip;
        try {
            tip = chain.tipHeight();
            if (tip != chosenAtTip) {
                chosen = mostValuableBond();
                chosenAtTip = tip;
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot check our fidelity bonds against the node, no bond proof this time: {}", e.toString());
            chosenAtTip = -1;
            return Optional.empty();
        }
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        if (certExpiry == null) {
            certExpiry = BondProof.certExpiryFor(tip);
        }
        OutPoint op = chosen.get().getKey();
        return Optional.of(BondProof.build(wallet.keyFor(op), certKey, certExpiry, taker, maker, op,
                chosen.get().getValue().locktime()).toBase64());
    }

    private Optional<Map.Entry<OutPoint, BondAddress>> mostValuableBond() {
        long now = chain.tipMedianTime();
        Map.Entry<OutPoint, BondAddress> best = null;
        double bestValue = 0;
        for (Map.Entry<WalletCoin, BondAddress> e : wallet.bondCoins().entrySet()) {
            OutPoint op = e.getKey().outpoint();
            BondAddress b = e.getValue();
            Optional<TxOutInfo> out = chain.getTxOut(op, false);
            if (out.isEmpty() || out.get().confirmations() < 1
                    || !Arrays.equals(out.get().scriptPubKey(), b.scriptPubKey())) {
                continue;
            }
            double value = BondValue.value(out.get().value().value(),
                    chain.confirmationTime(out.get().confirmations()), b.locktime(), now);
            if (value > bestValue) {
                bestValue = value;
                best = Map.entry(op, b);
            }
        }
        return Optional.ofNullable(best);
    }
}
