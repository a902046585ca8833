package jm.maker.bot;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import jm.chain.ChainBackend;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.maker.session.InputSigner;
import jm.maker.tx.OwnCoins;
import jm.maker.tx.OwnScripts;
import jm.wallet.InputSignature;
import jm.wallet.Wallet;
import jm.wallet.errors.WalletException;
import jm.wallet.coins.MergeAlgorithm;
import jm.wallet.coins.WalletCoin;
import jm.wallet.keys.Branch;
import jm.wallet.keys.WalletAddress;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.script.Script;

/**
 * {@link MakerWallet} over a jm-wallet {@link Wallet}: coins of one mixdepth (the richest that
 * can fund the target; never bond or frozen coins; at least one confirmation), the CoinJoin
 * output on a fresh internal address of mixdepth (m+1) mod N, change on a fresh internal address
 * of m. Reservations and handed-out addresses are persisted by the wallet before they are used.
 */
public final class WalletMakerAdapter implements MakerWallet {
    /** Confirmations our own inputs need. */
    public static final int MIN_CONF = 1;

    private final Wallet wallet;
    private final ChainBackend backend;
    private final MergeAlgorithm merge;
    private final RandomGenerator random;

    public WalletMakerAdapter(Wallet wallet, ChainBackend backend, MergeAlgorithm merge, RandomGenerator random) {
        this.wallet = Objects.requireNonNull(wallet);
        this.backend = Objects.requireNonNull(backend);
        this.merge = Objects.requireNonNull(merge);
        this.random = Objects.requireNonNull(random);
    }

    @Override
    public Map<Integer, Sats> offerableBalances() {
        Map<Integer, Sats> out = new LinkedHashMap<>();
        for (int m = 0; m < wallet.mixdepths(); m++) {
            long sum = 0;
            for (WalletCoin c : wallet.eligible(m, MIN_CONF)) {
                sum += c.sats();
            }
            out.put(m, Sats.of(sum));
        }
        return out;
    }

    @Override
    public Optional<Funding> fund(Sats target, String owner, Duration ttl) {
        List<Map.Entry<Integer, Sats>> byBalance = offerableBalances().entrySet().stream()
                .filter(e -> e.getValue().value() >= target.value())
                .sorted(Comparator.comparingLong((Map.Entry<Integer, Sats> e) -> e.getValue().value()).reversed())
                .toList();
        for (Map.Entry<Integer, Sats> e : byBalance) {
            int m = e.getKey();
            List<WalletCoin> picked;
            try {
                picked = wallet.selectAndReserveForMaker(m, target, merge, MIN_CONF, random, owner, ttl);
            } catch (WalletException ex) {
                continue;
            }
            Map<OutPoint, Sats> inputs = new LinkedHashMap<>();
            for (WalletCoin c : picked) {
                inputs.put(c.outpoint(), c.value());
            }
            WalletAddress cj = wallet.freshAddress((m + 1) % wallet.mixdepths(), Branch.INTERNAL);
            WalletAddress change = wallet.freshAddress(m, Branch.INTERNAL);
            return Optional.of(new Funding(m, inputs, wallet.keyFor(picked.get(0).outpoint()), cj.address(),
                    change.address(), OwnScripts.of(cj.scriptPubKey(), change.scriptPubKey())));
        }
        return Optional.empty();
    }

    @Override
    public void release(String owner) {
        wallet.releaseOwner(owner);
    }

    @Override
    public Map<Sha256Hash, String> signedReservations() {
        Map<Sha256Hash, String> out = new LinkedHashMap<>();
        wallet.reservations().values().forEach(l -> l.signedTxid().ifPresent(txid -> out.put(txid, l.owner())));
        return out;
    }

    @Override
    public void releaseSigned(Sha256Hash txid) {
        wallet.releaseByHand(wallet.reservations().entrySet().stream()
                .filter(e -> e.getValue().signedTxid().equals(Optional.of(txid))).map(Map.Entry::getKey).toList());
    }

    @Override
    public OwnCoins ownCoins() {
        return OwnCoins.of(outpoint -> wallet.coins().stream().anyMatch(c -> c.outpoint().equals(outpoint)),
                this::isOwnScript);
    }

    private boolean isOwnScript(byte[] scriptPubKey) {
        try {
            Address a = new Script(scriptPubKey).getToAddress(backend.network().bitcoinj());
            return wallet.pathOf(a.toString()).isPresent();
        } catch (RuntimeException e) {
            return false; // not an address script: cannot be ours
        }
    }

    @Override
    public InputSigner signer() {
        return (tx, index, outpoint, value) -> {
            Map<OutPoint, InputSignature> sigs = wallet.sign(tx, List.of(outpoint));
            InputSignature s = sigs.get(outpoint);
            if (s == null || s.inputIndex() != index) {
                throw new WalletException("wallet did not sign input " + index);
            }
            return s.scriptPushBlob();
        };
    }

    @Override
    public void sync() {
        wallet.sync(backend);
    }
}
