package jm.maker.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.command.SigPayload;
import jm.maker.bot.Funding;
import jm.maker.bot.MakerWallet;
import jm.maker.session.InputSigner;
import jm.maker.tx.OwnCoins;
import jm.maker.tx.OwnScripts;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.ScriptType;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.script.ScriptBuilder;

/** An in-memory maker wallet with real keys (regtest P2WPKH): one coin per mixdepth 0 and 1. */
public final class FakeMakerWallet implements MakerWallet {
    public record Coin1(OutPoint outpoint, long value, ECKey key, int mixdepth) {
    }

    public final List<Coin1> coins = new ArrayList<>();
    public final Map<String, Set<OutPoint>> reservations = new HashMap<>();
    public final List<String> handedOut = new ArrayList<>();
    public final List<Integer> signCalls = new ArrayList<>();
    /** Reservations signed into a transaction: its txid to the reservation's owner. */
    public final Map<Sha256Hash, String> signedInto = new HashMap<>();
    private int nextAddress;

    public FakeMakerWallet() {
        coins.add(new Coin1(new OutPoint(CoinJoinFixture.hash("maker coin md0"), 0), 3_000_000,
                CoinJoinFixture.key("maker coin key md0"), 0));
        coins.add(new Coin1(new OutPoint(CoinJoinFixture.hash("maker coin md1"), 1), 5_000_000,
                CoinJoinFixture.key("maker coin key md1"), 1));
    }

    private boolean reserved(OutPoint op) {
        return reservations.values().stream().anyMatch(s -> s.contains(op));
    }

    @Override
    public Map<Integer, Sats> offerableBalances() {
        Map<Integer, Sats> m = new HashMap<>();
        for (Coin1 c : coins) {
            if (!reserved(c.outpoint())) {
                m.merge(c.mixdepth(), Sats.of(c.value()), Sats::plus);
            }
        }
        return m;
    }

    @Override
    public Optional<Funding> fund(Sats target, String owner, Duration ttl) {
        for (Coin1 c : coins) {
            if (!reserved(c.outpoint()) && c.value() >= target.value()) {
                reservations.computeIfAbsent(owner, o -> new HashSet<>()).add(c.outpoint());
                Map<OutPoint, Sats> in = new LinkedHashMap<>();
                in.put(c.outpoint(), Sats.of(c.value()));
                ECKey cj = CoinJoinFixture.key("fresh address " + nextAddress++);
                ECKey change = CoinJoinFixture.key("fresh address " + nextAddress++);
                handedOut.add(address(cj));
                handedOut.add(address(change));
                return Optional.of(new Funding(c.mixdepth(), in, c.key(), address(cj), address(change),
                        OwnScripts.of(script(cj), script(change))));
            }
        }
        return Optional.empty();
    }

    public static String address(ECKey k) {
        return k.toAddress(ScriptType.P2WPKH, BitcoinNetwork.REGTEST).toString();
    }

    public static byte[] script(ECKey k) {
        return ScriptBuilder.createP2WPKHOutputScript(k).program();
    }

    /** Like the real wallet: a reservation signed into a transaction outlives its session. */
    @Override
    public void release(String owner) {
        if (!signedInto.containsValue(owner)) {
            reservations.remove(owner);
        }
    }

    @Override
    public Map<Sha256Hash, String> signedReservations() {
        return Map.copyOf(signedInto);
    }

    @Override
    public void releaseSigned(Sha256Hash txid) {
        String owner = signedInto.remove(txid);
        if (owner != null) {
            reservations.remove(owner);
        }
    }

    @Override
    public OwnCoins ownCoins() {
        return OwnCoins.of(outpoint -> coins.stream().anyMatch(c -> c.outpoint().equals(outpoint)), spk -> false);
    }

    @Override
    public InputSigner signer() {
        return (tx, index, op, value) -> {
            signCalls.add(index);
            reservations.forEach((owner, ops) -> {
                if (ops.contains(op)) {
                    signedInto.put(tx.getTxId(), owner);
                }
            });
            Coin1 c = coins.stream().filter(x -> x.outpoint().equals(op)).findFirst().orElseThrow();
            TransactionSignature sig = tx.calculateWitnessSignature(index, c.key(),
                    ScriptBuilder.createP2PKHOutputScript(c.key()), Coin.valueOf(value.value()),
                    Transaction.SigHash.ALL, false);
            return new SigPayload(sig.encodeToBitcoin(), c.key().getPubKey()).toScriptBytes();
        };
    }

    /** Coins the chain has seen spent: {@link #sync()} drops them, as a real wallet sync would. */
    public final Set<OutPoint> spentOnChain = new HashSet<>();
    public int syncs;

    @Override
    public void sync() {
        syncs++;
        coins.removeIf(c -> spentOnChain.contains(c.outpoint()));
    }

    static {
        // make sure ScriptType is loaded for P2WPKH address formatting
        ScriptType.P2WPKH.name();
    }
}
