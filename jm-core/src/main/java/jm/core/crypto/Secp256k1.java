package jm.core.crypto;

import java.math.BigInteger;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import org.bitcoinj.crypto.ECKey;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/** The secp256k1 group as the protocol uses it: compressed 33-byte points, 32-byte scalars. */
public final class Secp256k1 {
    private static final ECDomainParameters DOMAIN = ECKey.ecDomainParameters();
    /** The group order n. */
    public static final BigInteger ORDER = DOMAIN.getN();
    /** n / 2: the largest S a low-S signature may carry. */
    public static final BigInteger HALF_ORDER = ORDER.shiftRight(1);
    public static final ECCurve CURVE = DOMAIN.getCurve();
    /** The standard generator G. */
    public static final ECPoint G = DOMAIN.getG();
    public static final int COMPRESSED_LENGTH = 33;

    private Secp256k1() {
    }

    public static ECDomainParameters domain() {
        return DOMAIN;
    }

    /** Whether {@code b} is a 33-byte compressed encoding of a point on the curve. */
    public static boolean isValidCompressed(byte[] b) {
        return tryDecode(b) != null;
    }

    /** Decodes a compressed point from untrusted bytes. */
    public static ECPoint decodeCompressed(byte[] b, String field) throws ProtocolException {
        if (b == null || b.length != COMPRESSED_LENGTH) {
            throw new ProtocolException(Reason.MALFORMED, field, "expected a 33-byte compressed point");
        }
        ECPoint p = tryDecode(b);
        if (p == null) {
            throw new ProtocolException(Reason.INVALID, field, "not a point on secp256k1");
        }
        return p;
    }

    /** Decodes a compressed point given as 66 lowercase hex chars. */
    public static ECPoint decodeCompressedHex(String hex, String field) throws ProtocolException {
        return decodeCompressed(StrictHex.decode(hex, COMPRESSED_LENGTH, field), field);
    }

    /** Decodes trusted bytes (our own keys, constants); throws IllegalArgumentException if invalid. */
    public static ECPoint decodeTrusted(byte[] b) {
        ECPoint p = tryDecode(b);
        if (p == null) {
            throw new IllegalArgumentException("not a compressed secp256k1 point");
        }
        return p;
    }

    static ECPoint tryDecode(byte[] b) {
        if (b == null || b.length != COMPRESSED_LENGTH || (b[0] != 0x02 && b[0] != 0x03)) {
            return null;
        }
        try {
            ECPoint p = CURVE.decodePoint(b);
            return p.isInfinity() || !p.isValid() ? null : p.normalize();
        } catch (RuntimeException e) {
            // x >= p or x^3+7 not a square: BouncyCastle signals both with IllegalArgumentException
            return null;
        }
    }

    /** The 33-byte compressed encoding; the point must not be infinity. */
    public static byte[] encode(ECPoint p) {
        if (p.isInfinity()) {
            throw new IllegalArgumentException("point at infinity has no compressed encoding");
        }
        return p.getEncoded(true);
    }

    /** 32-byte big-endian, zero-padded encoding of a scalar in [0, 2^256). */
    public static byte[] scalarBytes(BigInteger v) {
        if (v.signum() < 0 || v.bitLength() > 256) {
            throw new IllegalArgumentException("scalar out of range");
        }
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }
}
