package jm.cli.process;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.TreeSet;
import jm.chain.ChainBackend;
import jm.chain.WalletTx;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;

/** Reads the chain to reconcile wallet balances: which transactions spent wallet coins, and their fees. */
final class ChainLedger {
    private ChainLedger() {
    }

    /** Txids of confirmed transactions in which a watched wallet sent. */
    static Set<Sha256Hash> confirmedSends(Iterable<? extends ChainBackend> wallets) {
        Set<Sha256Hash> out = new TreeSet<>();
        for (ChainBackend b : wallets) {
            for (WalletTx t : b.listTransactions(10_000)) {
                if ("send".equals(t.category()) && t.confirmations() > 0) {
                    out.add(t.txid());
                }
            }
        }
        return out;
    }

    /** The mining fee of a transaction: its inputs' values (from their transactions) minus its outputs. */
    static long fee(ChainBackend chain, Sha256Hash txid) {
        Transaction tx = read(chain, txid);
        long in = 0;
        for (TransactionInput i : tx.getInputs()) {
            Transaction prev = read(chain, i.getOutpoint().hash());
            in += prev.getOutput(i.getOutpoint().index()).getValue().value;
        }
        long out = 0;
        for (TransactionOutput o : tx.getOutputs()) {
            out += o.getValue().value;
        }
        return in - out;
    }

    private static Transaction read(ChainBackend chain, Sha256Hash txid) {
        return Transaction.read(ByteBuffer.wrap(chain.getRawTransaction(txid)
                .orElseThrow(() -> new AssertionError("node does not know " + txid))));
    }
}
