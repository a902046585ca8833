package jm.chain.rpc;

import java.util.List;
import jm.core.OutPoint;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.SegwitAddress;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

/** Builds and signs P2WPKH test transactions with bitcoinj. */
final class TestCoins {
    private TestCoins() {
    }

    static Address address(ECKey key) {
        return SegwitAddress.fromHash(BitcoinNetwork.REGTEST, key.getPubKeyHash());
    }

    record Input(OutPoint outpoint, long value, ECKey key) {
    }

    record Output(Address to, long value) {
    }

    /** A version-2 transaction spending P2WPKH inputs, each signed by its key. */
    static byte[] spend(List<Input> inputs, List<Output> outputs, long lockTime) {
        Transaction tx = new Transaction();
        tx.setVersion(2);
        for (Input in : inputs) {
            tx.addInput(in.outpoint().txid(), in.outpoint().vout(), new ScriptBuilder().build());
        }
        for (Output o : outputs) {
            tx.addOutput(Coin.valueOf(o.value()), o.to());
        }
        if (lockTime != 0) {
            tx.setLockTime(lockTime);
            for (int i = 0; i < inputs.size(); i++) {
                tx.replaceInput(i, tx.getInput(i).withSequence(0xFFFFFFFEL));
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            ECKey key = inputs.get(i).key();
            TransactionSignature sig = tx.calculateWitnessSignature(i, key, ScriptBuilder.createP2PKHOutputScript(key),
                    Coin.valueOf(inputs.get(i).value()), Transaction.SigHash.ALL, false);
            tx.replaceInput(i, tx.getInput(i).withWitness(TransactionWitness.redeemP2WPKH(sig, key)));
        }
        return tx.serialize();
    }

    /** Like {@link #spend} but the witness pairs {@code claimed}'s pubkey with a signature by {@code signer}. */
    static byte[] spendWithForeignSignature(Input in, Output out, ECKey signer) {
        Transaction tx = new Transaction();
        tx.setVersion(2);
        tx.addInput(in.outpoint().txid(), in.outpoint().vout(), new ScriptBuilder().build());
        tx.addOutput(Coin.valueOf(out.value()), out.to());
        TransactionSignature sig = tx.calculateWitnessSignature(0, signer,
                ScriptBuilder.createP2PKHOutputScript(in.key()), Coin.valueOf(in.value()), Transaction.SigHash.ALL,
                false);
        tx.replaceInput(0, tx.getInput(0).withWitness(TransactionWitness.of(sig.encodeToBitcoin(),
                in.key().getPubKey())));
        return tx.serialize();
    }

    static Script p2wpkh(ECKey key) {
        return ScriptBuilder.createP2WPKHOutputScript(key);
    }
}
