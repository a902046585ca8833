package jm.maker.session;

import java.util.Arrays;
import java.util.Optional;
import jm.core.Sats;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;

/**
 * The chain-side checks of a taker's PoDLE UTXO (PROTOCOL.md 7.4 steps 4-5): it exists unspent,
 * has at least {@code taker_utxo_age} confirmations, is worth at least
 * {@code int(amount * taker_utxo_amtpercent / 100)}, and its scriptPubKey belongs to {@code P}
 * (P2WPKH, P2SH-P2WPKH or P2PKH). Pure: the caller looks the output up.
 */
public final class TakerUtxoCheck {

    /** Why a commitment UTXO is not acceptable. */
    public enum Failure { NOT_FOUND, TOO_FEW_CONFIRMATIONS, TOO_SMALL, SCRIPT_MISMATCH }

    private TakerUtxoCheck() {
    }

    /**
     * @param found          the output as the chain reports it (empty if missing or spent)
     * @param value          its value
     * @param scriptPubKey   its script
     * @param confirmations  its confirmations
     * @param p              the revelation's public key P (33 bytes)
     * @param amount         the CoinJoin amount of the {@code !fill}
     */
    public static Optional<Failure> check(boolean found, Sats value, byte[] scriptPubKey, int confirmations, byte[] p,
                                          long amount, int minConfirmations, int minPercent) {
        if (!found) {
            return Optional.of(Failure.NOT_FOUND);
        }
        if (confirmations < minConfirmations) {
            return Optional.of(Failure.TOO_FEW_CONFIRMATIONS);
        }
        // int(amount * pct / 100), exact in integers (amount <= 2.1e15, pct <= 100)
        long min = Math.multiplyExact(amount, (long) minPercent) / 100;
        if (value.value() < min) {
            return Optional.of(Failure.TOO_SMALL);
        }
        if (!matchesKey(scriptPubKey, p)) {
            return Optional.of(Failure.SCRIPT_MISMATCH);
        }
        return Optional.empty();
    }

    /** Whether {@code spk} is P2WPKH, P2SH-P2WPKH or P2PKH of the public key {@code p}. */
    public static boolean matchesKey(byte[] spk, byte[] p) {
        ECKey key;
        try {
            key = ECKey.fromPublicOnly(p);
        } catch (RuntimeException e) {
            return false;
        }
        byte[] p2wpkh = ScriptBuilder.createP2WPKHOutputScript(key).program();
        if (Arrays.equals(spk, p2wpkh)) {
            return true;
        }
        byte[] p2sh = ScriptBuilder.createP2SHOutputScript(
                org.bitcoinj.crypto.internal.CryptoUtils.sha256hash160(p2wpkh)).program();
        if (Arrays.equals(spk, p2sh)) {
            return true;
        }
        return Arrays.equals(spk, ScriptBuilder.createP2PKHOutputScript(key).program());
    }
}
