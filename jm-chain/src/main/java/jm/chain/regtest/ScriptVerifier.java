package jm.chain.regtest;

import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.ScriptFlags;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies every input's scriptSig and witness with bitcoin-kmp's interpreter (independent of
 * bitcoinj), reporting failures as Bitcoin Core words them.
 */
final class ScriptVerifier {
    /**
     * @param raw   the transaction (segwit serialization)
     * @param prevs the spent outputs, in input order
     */
    void verify(byte[] raw, List<Coin> prevs) throws RpcError {
        fr.acinq.bitcoin.Transaction tx;
        try {
            tx = fr.acinq.bitcoin.Transaction.read(raw);
        } catch (RuntimeException e) {
            throw new RpcError(RpcError.DESERIALIZATION_ERROR,
                    "TX decode failed. Make sure the tx has at least one input.");
        }
        Map<fr.acinq.bitcoin.OutPoint, TxOut> spent = new HashMap<>();
        List<TxIn> ins = tx.txIn;
        for (int i = 0; i < ins.size(); i++) {
            Coin c = prevs.get(i);
            spent.put(ins.get(i).outPoint, new TxOut(new Satoshi(c.value()), c.spk()));
        }
        List<TxOut> spentList = new java.util.ArrayList<>(ins.size());
        for (int i = 0; i < ins.size(); i++) {
            spentList.add(spent.get(ins.get(i).outPoint));
        }
        // Core checks input by input and names the first failing one (29.x wording)
        for (int i = 0; i < ins.size(); i++) {
            String error = runInput(tx, i, spentList, ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS);
            if (error != null) {
                org.bitcoinj.core.Transaction btx = TxCodec.decode(raw);
                org.bitcoinj.core.TransactionOutPoint prev = btx.getInput(i).getOutpoint();
                throw new RpcError(RpcError.VERIFY_REJECTED, "mempool-script-verify-flag-failed ("
                        + coreWording(error) + "), input " + i + " of " + btx.getTxId() + " (wtxid "
                        + btx.getWTxId() + "), spending " + prev.hash() + ":" + prev.index());
            }
        }
    }

    private static String runInput(fr.acinq.bitcoin.Transaction tx, int i, List<TxOut> spent, int flags) {
        try {
            TxOut prev = spent.get(i);
            fr.acinq.bitcoin.Script.Runner runner = new fr.acinq.bitcoin.Script.Runner(
                    new fr.acinq.bitcoin.Script.Context(tx, i, prev.amount, spent), flags);
            TxIn in = tx.txIn.get(i);
            if (!runner.verifyScripts(in.signatureScript, prev.publicKeyScript, in.witness)) {
                return "stack starts with 'false'";
            }
            return null;
        } catch (RuntimeException e) {
            String m = e.getMessage();
            Throwable cause = e.getCause();
            while (cause != null) {
                if (cause.getMessage() != null) {
                    m = cause.getMessage();
                }
                cause = cause.getCause();
            }
            return m == null ? e.getClass().getSimpleName() : m;
        }
    }

    /** Maps bitcoin-kmp's failure text to Core's ScriptErrorString where they correspond. */
    static String coreWording(String kmp) {
        String m = kmp.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("signature must be zero for failed check")) {
            return "Signature must be zero for failed CHECK(MULTI)SIG operation";
        }
        if (m.contains("op_equalverify failed")) {
            return "Script failed an OP_EQUALVERIFY operation";
        }
        if (m.contains("op_checksigverify failed")) {
            return "Script failed an OP_CHECKSIGVERIFY operation";
        }
        if (m.contains("op_verify failed")) {
            return "Script failed an OP_VERIFY operation";
        }
        if (m.contains("stack starts with 'false'") || m.contains("stack should not be empty")) {
            return "Script evaluated without error but finished with a false/empty top stack element";
        }
        if (m.contains("invalid witness program, should have 2 items") || m.contains("witness program")
                && m.contains("mismatch")) {
            return "Witness program hash mismatch";
        }
        if (m.contains("invalid signature encoding") || m.contains("invalid sig hashtype")) {
            return "Non-canonical DER signature";
        }
        if (m.contains("invalid public key encoding") || m.contains("invalid pubkey type")) {
            return "Public key is neither compressed or uncompressed";
        }
        if (m.contains("locktime") || m.contains("lock time") || m.contains("failed requirement")) {
            return "Locktime requirement not satisfied";
        }
        if (m.contains("malleated segwit")) {
            return "Witness requires empty scriptSig";
        }
        return kmp;
    }
}
