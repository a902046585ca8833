package jm.wallet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import jm.core.OutPoint;
import jm.wallet.coins.WalletCoin;
import jm.wallet.errors.WalletException;
import jm.wallet.keys.WalletType;
import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutPoint;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

/**
 * Signs wallet inputs of a transaction: BIP143, SIGHASH_ALL, low-S, amounts from the wallet's own
 * records; the reservations are marked signed (persisted) before any signature exists.
 */
final class TxSigner {
    private final WalletType type;
    private final WalletMetadata meta;
    private final AddressBook addresses;
    private final CoinBook coins;
    private final Reservations reservations;

    TxSigner(WalletType type, WalletMetadata meta, AddressBook addresses, CoinBook coins,
             Reservations reservations) {
        this.type = type;
        this.meta = meta;
        this.addresses = addresses;
        this.coins = coins;
        this.reservations = reservations;
    }

    Map<OutPoint, InputSignature> sign(Transaction tx, Collection<OutPoint> outpoints) {
        Map<OutPoint, Integer> index = new HashMap<>();
        for (int i = 0; i < tx.getInputs().size(); i++) {
            TransactionOutPoint p = tx.getInput(i).getOutpoint();
            OutPoint op = new OutPoint(p.hash(), p.index());
            if (index.put(op, i) != null) {
                throw new WalletException("transaction spends " + op + " twice");
            }
        }
        synchronized (meta) {
            List<Map.Entry<WalletCoin, Integer>> todo = new ArrayList<>();
            for (OutPoint op : new TreeSet<>(outpoints)) {
                Integer i = index.get(op);
                if (i == null) {
                    throw new WalletException("not an input of the transaction: " + op);
                }
                WalletCoin c = coins.record(op);
                if (c.kind() != WalletCoin.Kind.STANDARD) {
                    throw new WalletException("refusing to sign a fidelity-bond input: " + op);
                }
                todo.add(Map.entry(c, i));
            }
            reservations.markSigned(tx, outpoints);
            todo.sort(Map.Entry.comparingByValue());
            Map<OutPoint, InputSignature> out = new LinkedHashMap<>();
            for (var e : todo) {
                out.put(e.getKey().outpoint(), signInput(tx, e.getValue(), e.getKey()));
            }
            return out;
        }
    }

    private InputSignature signInput(Transaction tx, int i, WalletCoin c) {
        ECKey key = addresses.key(c.path());
        Script scriptCode = ScriptBuilder.createP2PKHOutputScript(key);
        TransactionSignature sig = tx.calculateWitnessSignature(i, key, scriptCode, Coin.valueOf(c.sats()),
                Transaction.SigHash.ALL, false);
        TransactionInput in = tx.getInput(i).withWitness(TransactionWitness.redeemP2WPKH(sig, key));
        byte[] redeem = new byte[0];
        if (type == WalletType.P2SH_P2WPKH) {
            redeem = ScriptBuilder.createP2WPKHOutputScript(key).program();
            in = in.withScriptSig(new ScriptBuilder().data(redeem).build());
        }
        tx.replaceInput(i, in);
        return new InputSignature(c.outpoint(), i, sig.encodeToBitcoin(), key.getPubKey(), redeem);
    }
}
