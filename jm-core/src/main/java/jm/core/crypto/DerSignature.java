package jm.core.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;

/**
 * An ECDSA signature parsed from strict DER: {@code 30 len 02 rlen r 02 slen s} with
 * short-form lengths only, minimal positive integers, no trailing bytes, and {@code r, s} in
 * {@code [1, n-1]}. Whether S is low is a separate question ({@link #isLowS()}).
 *
 * @param r the R value
 * @param s the S value
 */
public record DerSignature(BigInteger r, BigInteger s) {
    /** A strict DER secp256k1 signature is at most 72 bytes (two 33-byte integers). */
    public static final int MAX_LENGTH = 72;

    public DerSignature {
        if (r == null || s == null) {
            throw new IllegalArgumentException("r and s are required");
        }
        if (r.signum() <= 0 || r.compareTo(Secp256k1.ORDER) >= 0
                || s.signum() <= 0 || s.compareTo(Secp256k1.ORDER) >= 0) {
            throw new IllegalArgumentException("r and s must be in [1, n-1]");
        }
    }

    /** Parses untrusted DER bytes. */
    public static DerSignature parse(byte[] der, String field) throws ProtocolException {
        if (der == null || der.length < 8) {
            throw new ProtocolException(Reason.MALFORMED, field, "DER signature too short");
        }
        if (der.length > MAX_LENGTH) {
            throw new ProtocolException(Reason.OVERSIZED, field, "DER signature longer than 72 bytes");
        }
        if ((der[0] & 0xff) != 0x30) {
            throw new ProtocolException(Reason.MALFORMED, field, "DER signature does not start with a SEQUENCE");
        }
        int seqLen = der[1] & 0xff;
        if (seqLen >= 0x80) {
            throw new ProtocolException(Reason.MALFORMED, field, "DER long-form length");
        }
        if (seqLen != der.length - 2) {
            throw new ProtocolException(Reason.MALFORMED, field,
                    seqLen > der.length - 2 ? "DER sequence truncated" : "trailing bytes after DER sequence");
        }
        int pos = 2;
        int rLen = integerLength(der, pos, field + ".r");
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(der, pos + 2, pos + 2 + rLen));
        pos += 2 + rLen;
        int sLen = integerLength(der, pos, field + ".s");
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(der, pos + 2, pos + 2 + sLen));
        pos += 2 + sLen;
        if (pos != der.length) {
            throw new ProtocolException(Reason.MALFORMED, field, "trailing bytes inside DER sequence");
        }
        if (r.signum() == 0 || r.compareTo(Secp256k1.ORDER) >= 0) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, field + ".r", "r not in [1, n-1]");
        }
        if (s.signum() == 0 || s.compareTo(Secp256k1.ORDER) >= 0) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, field + ".s", "s not in [1, n-1]");
        }
        return new DerSignature(r, s);
    }

    /** Checks the INTEGER header at {@code pos} and returns its content length. */
    private static int integerLength(byte[] der, int pos, String field) throws ProtocolException {
        if (pos + 2 > der.length) {
            throw new ProtocolException(Reason.MALFORMED, field, "DER integer truncated");
        }
        if ((der[pos] & 0xff) != 0x02) {
            throw new ProtocolException(Reason.MALFORMED, field, "expected DER INTEGER");
        }
        int len = der[pos + 1] & 0xff;
        if (len >= 0x80) {
            throw new ProtocolException(Reason.MALFORMED, field, "DER long-form length");
        }
        if (len == 0) {
            throw new ProtocolException(Reason.MALFORMED, field, "empty DER integer");
        }
        if (pos + 2 + len > der.length) {
            throw new ProtocolException(Reason.MALFORMED, field, "DER integer truncated");
        }
        int first = der[pos + 2] & 0xff;
        if ((first & 0x80) != 0) {
            throw new ProtocolException(Reason.MALFORMED, field, "negative DER integer");
        }
        if (len > 1 && first == 0 && (der[pos + 3] & 0x80) == 0) {
            throw new ProtocolException(Reason.MALFORMED, field, "non-minimal DER integer");
        }
        if (len > 33) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, field, "DER integer longer than 33 bytes");
        }
        return len;
    }

    public boolean isLowS() {
        return s.compareTo(Secp256k1.HALF_ORDER) <= 0;
    }

    /** The same signature with S replaced by n - S if S is high. */
    public DerSignature toLowS() {
        return isLowS() ? this : new DerSignature(r, Secp256k1.ORDER.subtract(s));
    }

    /** Strict DER encoding. */
    public byte[] encode() {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(6 + rb.length + sb.length);
        out.write(0x30);
        out.write(4 + rb.length + sb.length);
        out.write(0x02);
        out.write(rb.length);
        out.writeBytes(rb);
        out.write(0x02);
        out.write(sb.length);
        out.writeBytes(sb);
        return out.toByteArray();
    }
}
