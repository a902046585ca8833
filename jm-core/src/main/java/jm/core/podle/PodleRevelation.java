package jm.core.podle;

import java.util.Arrays;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.crypto.Secp256k1;
import jm.core.crypto.StrictHex;

/**
 * The opened PoDLE proof, the plaintext of {@code !auth} (PROTOCOL.md 5.6, 7.3):
 * {@code utxo|P|P2|s|e}, points as 66 and scalars as 64 lowercase hex chars.
 * Parsing checks the syntax and that P and P2 are points on the curve; whether the proof
 * holds is {@link Podle#verify}'s job.
 *
 * @param utxo the committed UTXO, legacy or extended form
 * @param p compressed P = x·G (the UTXO's public key)
 * @param p2 compressed P2 = x·J(i)
 * @param s 32-byte big-endian s
 * @param e 32-byte big-endian e
 */
public record PodleRevelation(UtxoRef utxo, byte[] p, byte[] p2, byte[] s, byte[] e) {
    /** Longest acceptable plaintext. */
    public static final int MAX_WIRE_CHARS = UtxoRef.MAX_WIRE_CHARS + 4 + 2 * 66 + 2 * 64;

    public PodleRevelation {
        if (utxo == null) {
            throw new IllegalArgumentException("utxo is required");
        }
        if (!Secp256k1.isValidCompressed(p) || !Secp256k1.isValidCompressed(p2)) {
            throw new IllegalArgumentException("P and P2 must be compressed secp256k1 points");
        }
        if (s == null || s.length != 32 || e == null || e.length != 32) {
            throw new IllegalArgumentException("s and e must be 32 bytes");
        }
        p = p.clone();
        p2 = p2.clone();
        s = s.clone();
        e = e.clone();
    }

    /** Parses the decrypted {@code !auth} plaintext. */
    public static PodleRevelation parse(String line) throws ProtocolException {
        if (line == null || line.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, "auth.revelation", "empty");
        }
        if (line.length() > MAX_WIRE_CHARS) {
            throw new ProtocolException(Reason.OVERSIZED, "auth.revelation", "too long");
        }
        String[] parts = line.split("\\|", -1);
        if (parts.length != 5) {
            throw new ProtocolException(Reason.MALFORMED, "auth.revelation",
                    "expected 5 '|'-separated fields, got " + parts.length);
        }
        UtxoRef utxo = UtxoRef.parse(parts[0]);
        byte[] p = StrictHex.decode(parts[1], 33, "auth.P");
        Secp256k1.decodeCompressed(p, "auth.P");
        byte[] p2 = StrictHex.decode(parts[2], 33, "auth.P2");
        Secp256k1.decodeCompressed(p2, "auth.P2");
        byte[] s = StrictHex.decode(parts[3], 32, "auth.s");
        byte[] e = StrictHex.decode(parts[4], 32, "auth.e");
        return new PodleRevelation(utxo, p, p2, s, e);
    }

    public String toWire() {
        return utxo.toWire() + "|" + StrictHex.encode(p) + "|" + StrictHex.encode(p2) + "|"
                + StrictHex.encode(s) + "|" + StrictHex.encode(e);
    }

    /**
     * Whether P is the key of a UTXO with this scriptPubKey (PROTOCOL.md 7.4 step 5): P2WPKH
     * {@code 0014 hash160(P)}, P2SH-P2WPKH {@code a914 hash160(0014 hash160(P)) 87} or P2PKH
     * {@code 76a914 hash160(P) 88ac}.
     */
    public boolean pubKeyMatchesScript(byte[] scriptPubKey) {
        if (scriptPubKey == null) {
            return false;
        }
        byte[] h = jm.core.crypto.Hashes.hash160(p);
        byte[] p2wpkh = concat(new byte[] {0x00, 0x14}, h, new byte[0]);
        byte[] p2sh = concat(new byte[] {(byte) 0xa9, 0x14}, jm.core.crypto.Hashes.hash160(p2wpkh), new byte[] {(byte) 0x87});
        byte[] p2pkh = concat(new byte[] {0x76, (byte) 0xa9, 0x14}, h, new byte[] {(byte) 0x88, (byte) 0xac});
        return Arrays.equals(scriptPubKey, p2wpkh) || Arrays.equals(scriptPubKey, p2sh) || Arrays.equals(scriptPubKey, p2pkh);
    }

    private static byte[] concat(byte[] a, byte[] b, byte[] c) {
        byte[] out = Arrays.copyOf(a, a.length + b.length + c.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }

    /** SHA-256(P2), what the taker committed to in {@code !fill}. */
    public PodleCommitment commitment() {
        return PodleCommitment.of(p2);
    }

    @Override
    public byte[] p() {
        return p.clone();
    }

    @Override
    public byte[] p2() {
        return p2.clone();
    }

    @Override
    public byte[] s() {
        return s.clone();
    }

    @Override
    public byte[] e() {
        return e.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PodleRevelation r && utxo.equals(r.utxo) && Arrays.equals(p, r.p)
                && Arrays.equals(p2, r.p2) && Arrays.equals(s, r.s) && Arrays.equals(e, r.e);
    }

    @Override
    public int hashCode() {
        return utxo.hashCode() * 31 + Arrays.hashCode(p2);
    }

    @Override
    public String toString() {
        return toWire();
    }
}
