package jm.core.command;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.bond.FidelityBondScripts;
import jm.core.crypto.Hashes;
import jm.core.crypto.StrictBase64;
import org.bitcoinj.crypto.internal.CryptoUtils;

/**
 * The decrypted {@code !sig} (5.9) for a P2WPKH input: base64 of the script pushes
 * {@code len(sig) sig len(pub) pub}. On receipt a third push (the P2SH-P2WPKH redeem script
 * {@code 0014 || hash160(pub)}) is accepted and checked, and missing base64 padding is tolerated.
 *
 * @param sig DER signature followed by the sighash byte
 * @param pub 33-byte compressed public key
 */
public record SigPayload(byte[] sig, byte[] pub) {
    private static final int MAX_CHARS = 400;

    public SigPayload {
        if (sig == null || sig.length < 9 || sig.length > 73) {
            throw new IllegalArgumentException("signature must be 9..73 bytes");
        }
        if (pub == null || pub.length != 33 || (pub[0] != 2 && pub[0] != 3)) {
            throw new IllegalArgumentException("public key must be 33 bytes compressed");
        }
        sig = sig.clone();
        pub = pub.clone();
    }

    public static SigPayload parse(String plaintext) throws ProtocolException {
        if (plaintext == null || plaintext.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, "sig.payload", "empty");
        }
        if (plaintext.length() > MAX_CHARS) {
            throw new ProtocolException(Reason.OVERSIZED, "sig.payload", "too long");
        }
        String padded = plaintext;
        int rem = padded.length() % 4;
        if (rem == 1) {
            throw new ProtocolException(Reason.BAD_ENCODING, "sig.payload", "impossible base64 length");
        }
        if (rem != 0) {
            padded = padded + "==".substring(0, 4 - rem);
        }
        byte[] b = StrictBase64.decode(padded, "sig.payload");
        byte[][] items = new byte[3][];
        int n = 0;
        int i = 0;
        while (i < b.length) {
            if (n == 3) {
                throw new ProtocolException(Reason.MALFORMED, "sig.payload", "more than 3 pushes");
            }
            int len = b[i] & 0xff;
            if (len == 0 || len >= 0x4c) {
                throw new ProtocolException(Reason.MALFORMED, "sig.payload", "expected a direct push opcode");
            }
            if (i + 1 + len > b.length) {
                throw new ProtocolException(Reason.MALFORMED, "sig.payload", "push runs past the end");
            }
            items[n++] = Arrays.copyOfRange(b, i + 1, i + 1 + len);
            i += 1 + len;
        }
        if (n < 2) {
            throw new ProtocolException(Reason.MALFORMED, "sig.payload", "expected signature and public key pushes");
        }
        byte[] sig = items[0];
        byte[] pub = items[1];
        if (sig.length < 9 || sig.length > 73) {
            throw new ProtocolException(Reason.MALFORMED, "sig.signature", "not a DER signature + sighash length");
        }
        if (pub.length != 33 || (pub[0] != 2 && pub[0] != 3)) {
            throw new ProtocolException(Reason.MALFORMED, "sig.pubkey", "not a compressed public key");
        }
        if (n == 3 && !Arrays.equals(items[2], p2wpkhRedeemScript(pub))) {
            throw new ProtocolException(Reason.INVALID, "sig.redeem_script", "not the P2WPKH script of the key");
        }
        return new SigPayload(sig, pub);
    }

    static byte[] p2wpkhRedeemScript(byte[] pub) {
        return FidelityBondScripts.witnessV0Program(CryptoUtils.sha256hash160(pub));
    }

    /** The raw pushes {@code len(sig) sig len(pub) pub}. */
    public byte[] toScriptBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2 + sig.length + pub.length);
        out.write(sig.length);
        out.writeBytes(sig);
        out.write(pub.length);
        out.writeBytes(pub);
        return out.toByteArray();
    }

    public String toWire() {
        return StrictBase64.encode(toScriptBytes());
    }

    @Override
    public byte[] sig() {
        return sig.clone();
    }

    @Override
    public byte[] pub() {
        return pub.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigPayload p && Arrays.equals(sig, p.sig) && Arrays.equals(pub, p.pub);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sig) + Arrays.hashCode(pub);
    }

    @Override
    public String toString() {
        return "SigPayload[" + sig.length + "-byte sig]";
    }
}
