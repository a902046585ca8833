package jm.taker.testing;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import jm.chain.ChainBackend;
import jm.chain.TxOutInfo;
import jm.chain.regtest.RegtestNode;
import jm.core.OutPoint;
import jm.core.Sats;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutPoint;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

/** {@link TestChain} on the embedded regtest node (funding from its faucet, real spends). */
public record RegtestTestChain(RegtestNode node, ChainBackend backend) implements TestChain {

    @Override
    public OutPoint fund(byte[] spk, long value, int confirmations) {
        Address a = Script.parse(spk).getToAddress(BitcoinNetwork.REGTEST);
        Sha256Hash txid = node.fund(a, Sats.of(value));
        if (confirmations > 0) {
            node.mine(1, null);
        }
        Transaction t = Transaction.read(ByteBuffer.wrap(backend.getRawTransaction(txid).orElseThrow()));
        for (TransactionOutput o : t.getOutputs()) {
            if (Arrays.equals(o.getScriptBytes(), spk)) {
                return new OutPoint(txid, o.getIndex());
            }
        }
        throw new IllegalStateException("funding output not found");
    }

    @Override
    public void spend(OutPoint op, ECKey key, long value) {
        Transaction tx = new Transaction();
        tx.setVersion(2);
        tx.addInput(new TransactionInput(tx, new byte[0], new TransactionOutPoint(op.vout(), op.txid()),
                Coin.valueOf(value)));
        ECKey elsewhere = ECKey.fromPrivate(BigInteger.valueOf(424_242), true);
        tx.addOutput(Coin.valueOf(value - 2_000), ScriptBuilder.createP2WPKHOutputScript(elsewhere));
        TransactionSignature sig = tx.calculateWitnessSignature(0, key, ScriptBuilder.createP2PKHOutputScript(key),
                Coin.valueOf(value), Transaction.SigHash.ALL, false);
        tx.replaceInput(0, tx.getInput(0).withWitness(TransactionWitness.redeemP2WPKH(sig, key)));
        backend.broadcast(tx.serialize());
    }

    @Override
    public Sha256Hash broadcast(byte[] rawTx) {
        return backend.broadcast(rawTx);
    }

    @Override
    public long tipHeight() {
        return backend.tipHeight();
    }

    @Override
    public Optional<TxOutInfo> getTxOut(OutPoint outpoint, boolean includeMempool) {
        return backend.getTxOut(outpoint, includeMempool);
    }
}
