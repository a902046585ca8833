package jm.taker.testing;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.podle.Podle;
import jm.core.podle.PodleCommitment;
import jm.core.podle.PodleRevelation;
import jm.core.podle.UtxoRef;
import jm.taker.session.OwnCoin;
import jm.taker.session.TakerWallet;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.SegwitAddress;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.ScriptBuilder;

/** An in-memory taker wallet over {@link FakeChain} coins. Thread-safe. */
public final class FakeWallet implements TakerWallet {
    private record Coin0(OutPoint op, long value, ECKey key, int mixdepth, boolean frozen) {
    }

    private final FakeChain chain;
    private final List<Coin0> coins = new ArrayList<>();
    private final Map<OutPoint, ECKey> keysByOutpoint = new HashMap<>();
    private final Set<OutPoint> locked = new HashSet<>();
    private final Map<String, ECKey> addresses = new HashMap<>();
    private long nextKey;

    public FakeWallet(FakeChain chain, long keySeed) {
        this.chain = chain;
        this.nextKey = keySeed;
    }

    private ECKey newKey() {
        return ECKey.fromPrivate(BigInteger.valueOf(nextKey++).add(BigInteger.valueOf(1_000_000)), true);
    }

    public static byte[] p2wpkh(ECKey k) {
        return ScriptBuilder.createP2WPKHOutputScript(k).program();
    }

    public static String address(ECKey k) {
        return SegwitAddress.fromHash(BitcoinNetwork.REGTEST, k.getPubKeyHash()).toString();
    }

    /** A coin in the mixdepth, funded on the fake chain. */
    public synchronized OutPoint add(int mixdepth, long value, int confirmations) {
        return add(mixdepth, value, confirmations, false);
    }

    public synchronized OutPoint add(int mixdepth, long value, int confirmations, boolean frozen) {
        ECKey k = newKey();
        OutPoint op = chain.fund(p2wpkh(k), value, confirmations);
        coins.add(new Coin0(op, value, k, mixdepth, frozen));
        keysByOutpoint.put(op, k);
        return op;
    }

    public synchronized Set<OutPoint> locked() {
        return Set.copyOf(locked);
    }

    /** Scripts of addresses handed out (to recognise our outputs). */
    public synchronized Set<String> handedOutScriptsHex() {
        Set<String> s = new HashSet<>();
        addresses.values().forEach(k -> s.add(java.util.HexFormat.of().formatHex(p2wpkh(k))));
        return s;
    }

    @Override
    public int mixdepths() {
        return 5;
    }

    @Override
    public synchronized List<OwnCoin> coins(int mixdepth) {
        List<OwnCoin> out = new ArrayList<>();
        for (Coin0 c : coins) {
            if (c.mixdepth != mixdepth) {
                continue;
            }
            var info = chain.getTxOut(c.op, true);
            if (info.isEmpty()) {
                continue;
            }
            out.add(new OwnCoin(c.op, Sats.of(c.value), p2wpkh(c.key), info.get().confirmations(), c.frozen,
                    locked.contains(c.op), false));
        }
        return out;
    }

    /** Largest coins first until the target is covered (what the session did inline before). */
    @Override
    public synchronized List<OwnCoin> select(int mixdepth, Sats target) {
        List<OwnCoin> sorted = new ArrayList<>(coins(mixdepth).stream().filter(OwnCoin::spendable).toList());
        sorted.sort((a, b) -> Long.compare(b.value().value(), a.value().value()));
        List<OwnCoin> picked = new ArrayList<>();
        long sum = 0;
        for (OwnCoin c : sorted) {
            if (sum >= target.value()) {
                break;
            }
            picked.add(c);
            sum += c.value().value();
        }
        return sum >= target.value() ? picked : List.of();
    }

    @Override
    public synchronized String freshInternalAddress(int mixdepth) {
        ECKey k = newKey();
        String a = address(k);
        addresses.put(a, k);
        return a;
    }

    @Override
    public synchronized void lock(Collection<OutPoint> c, String owner) {
        locked.addAll(c);
    }

    @Override
    public synchronized void unlock(Collection<OutPoint> c) {
        locked.removeAll(c);
    }

    @Override
    public synchronized void sign(Transaction tx, Collection<OutPoint> ours) {
        for (int i = 0; i < tx.getInputs().size(); i++) {
            var in = tx.getInput(i);
            OutPoint op = new OutPoint(in.getOutpoint().hash(), in.getOutpoint().index());
            if (!ours.contains(op)) {
                continue;
            }
            ECKey k = keysByOutpoint.get(op);
            long value = coins.stream().filter(c -> c.op.equals(op)).findFirst().orElseThrow().value;
            TransactionSignature sig = tx.calculateWitnessSignature(i, k,
                    ScriptBuilder.createP2PKHOutputScript(k.getPubKeyHash()), Coin.valueOf(value),
                    Transaction.SigHash.ALL, false);
            tx.replaceInput(i, in.withWitness(TransactionWitness.redeemP2WPKH(sig, k)));
        }
    }

    @Override
    public synchronized PodleCommitment commitment(OutPoint coin, int index) {
        return Podle.commitment(keysByOutpoint.get(coin), index);
    }

    @Override
    public synchronized PodleRevelation prove(OutPoint coin, int index, SecureRandom random) {
        return Podle.prove(keysByOutpoint.get(coin), UtxoRef.legacy(coin), index, random);
    }
}
