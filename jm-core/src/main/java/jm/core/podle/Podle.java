package jm.core.podle;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import jm.core.OutPoint;
import jm.core.crypto.Hashes;
import jm.core.crypto.Secp256k1;
import org.bitcoinj.crypto.ECKey;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * PoDLE proof generation (taker) and verification (maker), PROTOCOL.md 7.3-7.4.
 *
 * <pre>
 * P = x·G, P2 = x·J(i), commitment = SHA-256(P2)
 * e = SHA-256(k·G || k·J(i) || P || P2), s = k + x·e mod n
 * verify: SHA-256((s·G − e·P) || (s·J(i) − e·P2) || P || P2) == e for some accepted i
 * </pre>
 */
public final class Podle {
    /** Default {@code taker_utxo_retries}: makers accept indices 0, 1 and 2. */
    public static final int DEFAULT_MAX_INDEX_EXCLUSIVE = 3;

    private Podle() {
    }

    /** A proof with a random nonce (the reference's choice). */
    public static PodleRevelation prove(ECKey utxoKey, UtxoRef utxo, int index, SecureRandom random) {
        byte[] k = new byte[32];
        BigInteger kv;
        do {
            random.nextBytes(k);
            kv = new BigInteger(1, k);
        } while (kv.signum() == 0 || kv.compareTo(Secp256k1.ORDER) >= 0);
        return prove(utxoKey, utxo, index, k);
    }

    /** A proof for a legacy-form UTXO with an explicit nonce (tests and vectors). */
    public static PodleRevelation prove(ECKey utxoKey, OutPoint utxo, int index, byte[] nonce32) {
        return prove(utxoKey, UtxoRef.legacy(utxo), index, nonce32);
    }

    /** A proof with an explicit 32-byte nonce k, which must be in [1, n-1] and never reused. */
    public static PodleRevelation prove(ECKey utxoKey, UtxoRef utxo, int index, byte[] nonce32) {
        if (nonce32 == null || nonce32.length != 32) {
            throw new IllegalArgumentException("nonce must be 32 bytes");
        }
        BigInteger k = new BigInteger(1, nonce32);
        if (k.signum() == 0 || k.compareTo(Secp256k1.ORDER) >= 0) {
            throw new IllegalArgumentException("nonce out of range");
        }
        BigInteger x = utxoKey.getPrivKey();
        ECPoint j = Nums.point(index);
        byte[] p = Secp256k1.encode(Secp256k1.G.multiply(x).normalize());
        byte[] p2 = Secp256k1.encode(j.multiply(x).normalize());
        byte[] kg = Secp256k1.encode(Secp256k1.G.multiply(k).normalize());
        byte[] kj = Secp256k1.encode(j.multiply(k).normalize());
        byte[] e = challenge(kg, kj, p, p2);
        BigInteger s = k.add(x.multiply(new BigInteger(1, e))).mod(Secp256k1.ORDER);
        return new PodleRevelation(utxo, p, p2, Secp256k1.scalarBytes(s), e);
    }

    /** The commitment the taker puts in {@code !fill} for a UTXO key and index. */
    public static PodleCommitment commitment(ECKey utxoKey, int index) {
        return PodleCommitment.of(Secp256k1.encode(Nums.point(index).multiply(utxoKey.getPrivKey()).normalize()));
    }

    /**
     * Verifies a revelation against the {@code !fill} commitment, trying NUMS indices
     * {@code 0 .. maxIndexExclusive-1}. Never throws on peer data.
     */
    public static PodleVerdict verify(PodleRevelation rev, PodleCommitment commitment, int maxIndexExclusive) {
        if (maxIndexExclusive < 1 || maxIndexExclusive > Nums.COUNT) {
            throw new IllegalArgumentException("maxIndexExclusive must be 1..256");
        }
        int[] indices = new int[maxIndexExclusive];
        for (int i = 0; i < maxIndexExclusive; i++) {
            indices[i] = i;
        }
        return verifyIndices(rev, commitment, indices);
    }

    /** Verifies trying exactly the given NUMS indices (each 0..255), in order. */
    public static PodleVerdict verifyIndices(PodleRevelation rev, PodleCommitment commitment, int... indices) {
        for (int i : indices) {
            if (i < 0 || i >= Nums.COUNT) {
                throw new IllegalArgumentException("NUMS index must be 0..255: " + i);
            }
        }
        byte[] p = rev.p();
        byte[] p2 = rev.p2();
        if (!MessageDigest.isEqual(Hashes.sha256(p2), commitment.hash())) {
            return new PodleVerdict.Rejected(PodleVerdict.Reason.COMMITMENT_MISMATCH,
                    "SHA-256(P2) does not match the commitment");
        }
        BigInteger s = new BigInteger(1, rev.s());
        if (s.signum() == 0 || s.compareTo(Secp256k1.ORDER) >= 0) {
            return new PodleVerdict.Rejected(PodleVerdict.Reason.S_OUT_OF_RANGE, "s must be in [1, n-1]");
        }
        ECPoint pp;
        ECPoint pp2;
        try {
            pp = Secp256k1.decodeCompressed(p, "auth.P");
            pp2 = Secp256k1.decodeCompressed(p2, "auth.P2");
        } catch (jm.core.ProtocolException ex) {
            return new PodleVerdict.Rejected(PodleVerdict.Reason.INVALID_POINT, ex.getMessage());
        }
        byte[] e = rev.e();
        BigInteger minusE = Secp256k1.ORDER.subtract(new BigInteger(1, e).mod(Secp256k1.ORDER))
                .mod(Secp256k1.ORDER);
        ECPoint kg = ECAlgorithms.sumOfTwoMultiplies(Secp256k1.G, s, pp, minusE).normalize();
        if (kg.isInfinity()) {
            return new PodleVerdict.Rejected(PodleVerdict.Reason.NO_INDEX_VERIFIES, "s·G − e·P is infinity");
        }
        byte[] kgBytes = Secp256k1.encode(kg);
        for (int i : indices) {
            ECPoint kj = ECAlgorithms.sumOfTwoMultiplies(Nums.point(i), s, pp2, minusE).normalize();
            if (kj.isInfinity()) {
                continue;
            }
            if (MessageDigest.isEqual(challenge(kgBytes, Secp256k1.encode(kj), p, p2), e)) {
                return new PodleVerdict.Accepted(i);
            }
        }
        return new PodleVerdict.Rejected(PodleVerdict.Reason.NO_INDEX_VERIFIES,
                "no accepted index verifies");
    }

    private static byte[] challenge(byte[] kg, byte[] kj, byte[] p, byte[] p2) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(132);
        buf.writeBytes(kg);
        buf.writeBytes(kj);
        buf.writeBytes(p);
        buf.writeBytes(p2);
        return Hashes.sha256(buf.toByteArray());
    }
}
