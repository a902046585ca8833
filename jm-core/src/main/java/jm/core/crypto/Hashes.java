package jm.core.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/** SHA-256 and HASH160 helpers. */
public final class Hashes {
    private Hashes() {
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public static byte[] sha256d(byte[] data) {
        return sha256(sha256(data));
    }

    /** RIPEMD-160 of SHA-256, as in P2PKH/P2WPKH scripts. */
    public static byte[] hash160(byte[] data) {
        byte[] sha = sha256(data);
        RIPEMD160Digest ripemd = new RIPEMD160Digest();
        ripemd.update(sha, 0, sha.length);
        byte[] out = new byte[20];
        ripemd.doFinal(out, 0);
        return out;
    }
}
