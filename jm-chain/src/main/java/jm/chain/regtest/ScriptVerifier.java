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
    /** Core's consensus ("mandatory") flags since v0.24; bitcoin-kmp's constant is only P2SH. */
    static final int MANDATORY = ScriptFlags.SCRIPT_VERIFY_P2SH | ScriptFlags.SCRIPT_VERIFY_DERSIG
            | ScriptFlags.SCRIPT_VERIFY_NULLDUMMY | ScriptFlags.SCRIPT_VERIFY_CHECKLOCKTIMEVERIFY
            | ScriptFlags.SCRIPT_VERIFY_CHECKSEQUENCEVERIFY | ScriptFlags.SCRIPT_VERIFY_WITNESS
            | ScriptFlags.SCRIPT_VERIFY_TAPROOT;

    /**
     * @param raw   the transaction (segwit serialization)
     * @param prevs the spent outputs, in input order
     */
    void verify(byte[] raw, List<RegtestChain.Coin> prevs) throws RpcError {
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
            RegtestChain.Coin c = prevs.get(i);
            spent.put(ins.get(i).outPoint, new TxOut(new Satoshi(c.value()), c.spk()));
        }
        String standardError = run(tx, spent, ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS);
        if (standardError == null) {
            return;
        }
        String mandatoryError = run(tx, spent, MANDATORY);
        if (mandatoryError == null) {
            throw new RpcError(RpcError.VERIFY_REJECTED,
                    "non-mandatory-script-verify-flag (" + coreWording(standardError) + ")");
        }
        throw new RpcError(RpcError.VERIFY_REJECTED,
                "mandatory-script-verify-flag-failed (" + coreWording(standardError) + ")");
    }

    private static String run(fr.acinq.bitcoin.Transaction tx, Map<fr.acinq.bitcoin.OutPoint, TxOut> spent,
                              int flags) {
        try {
            tx.correctlySpends(spent, flags);
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
