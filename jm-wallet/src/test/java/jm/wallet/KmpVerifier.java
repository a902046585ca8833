package jm.wallet;

import java.util.HashMap;
import java.util.Map;
import jm.wallet.coins.WalletCoin;
import java.util.List;
import org.bitcoinj.core.Transaction;

/** Checks signatures with bitcoin-kmp's script interpreter, independent of bitcoinj. */
final class KmpVerifier {
    private KmpVerifier() {
    }

    /** Throws if any input of {@code tx} does not correctly spend its coin under standard flags. */
    static void verifyAllInputs(Transaction tx, List<WalletCoin> spent) {
        fr.acinq.bitcoin.Transaction k = fr.acinq.bitcoin.Transaction.Companion.read(tx.serialize());
        Map<fr.acinq.bitcoin.OutPoint, fr.acinq.bitcoin.TxOut> prev = new HashMap<>();
        for (fr.acinq.bitcoin.TxIn in : k.txIn) {
            WalletCoin c = spent.stream().filter(s -> s.outpoint().txid().toString().equals(in.outPoint.txid.toString())
                    && s.outpoint().vout() == in.outPoint.index).findFirst().orElseThrow();
            prev.put(in.outPoint, new fr.acinq.bitcoin.TxOut(new fr.acinq.bitcoin.Satoshi(c.sats()), c.scriptPubKey()));
        }
        fr.acinq.bitcoin.Transaction.Companion.correctlySpends(k, prev, fr.acinq.bitcoin.ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS);
    }
}
