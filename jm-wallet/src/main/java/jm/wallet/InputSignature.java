package jm.wallet;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import jm.core.OutPoint;

/**
 * The signature the wallet produced for one input, as the maker sends it in {@code !sig}.
 *
 * @param outpoint     the input's previous output
 * @param inputIndex   position of the input in the transaction
 * @param signature    DER signature followed by the sighash byte (0x01), low-S (copied)
 * @param pubKey       33-byte compressed key (copied)
 * @param redeemScript for P2SH-P2WPKH inputs {@code 0014 || hash160(pubKey)}, else empty (copied)
 */
public record InputSignature(OutPoint outpoint, int inputIndex, byte[] signature, byte[] pubKey, byte[] redeemScript) {
    public InputSignature {
        signature = signature.clone();
        pubKey = pubKey.clone();
        redeemScript = redeemScript == null ? new byte[0] : redeemScript.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public byte[] pubKey() {
        return pubKey.clone();
    }

    @Override
    public byte[] redeemScript() {
        return redeemScript.clone();
    }

    /**
     * The script-push serialisation of PROTOCOL.md 5.9: {@code len(sig) sig len(pub) pub} and, for
     * P2SH-P2WPKH, {@code len(sc) sc}.
     */
    public byte[] scriptPushBlob() {
        var out = new ByteArrayOutputStream();
        out.write(signature.length);
        out.writeBytes(signature);
        out.write(pubKey.length);
        out.writeBytes(pubKey);
        if (redeemScript.length > 0) {
            out.write(redeemScript.length);
            out.writeBytes(redeemScript);
        }
        return out.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputSignature s && s.outpoint.equals(outpoint) && s.inputIndex == inputIndex
                && java.util.Arrays.equals(s.signature, signature) && java.util.Arrays.equals(s.pubKey, pubKey)
                && java.util.Arrays.equals(s.redeemScript, redeemScript);
    }

    @Override
    public int hashCode() {
        return outpoint.hashCode() * 31 + inputIndex;
    }

    @Override
    public String toString() {
        return "InputSignature[" + outpoint + " #" + inputIndex + " pub=" + HexFormat.of().formatHex(pubKey) + "]";
    }
}
