package jm.core.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import jm.core.ProtocolException;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * An ephemeral Curve25519 key pair for the NaCl box (PROTOCOL.md 4): the secret is 32 random
 * bytes, the public key {@code crypto_scalarmult_base(secret)}. {@link #toString()} never
 * shows the secret.
 */
public final class BoxKeyPair {
    public static final int KEY_LENGTH = 32;
    private final byte[] secret;
    private final byte[] publicKey;

    private BoxKeyPair(byte[] secret) {
        this.secret = secret;
        this.publicKey = new byte[KEY_LENGTH];
        X25519.scalarMultBase(secret, 0, publicKey, 0);
    }

    public static BoxKeyPair generate(SecureRandom random) {
        byte[] s = new byte[KEY_LENGTH];
        random.nextBytes(s);
        return new BoxKeyPair(s);
    }

    /** From a 32-byte secret key (tests and vectors). */
    public static BoxKeyPair fromSecret(byte[] secret32) {
        if (secret32 == null || secret32.length != KEY_LENGTH) {
            throw new IllegalArgumentException("box secret key must be 32 bytes");
        }
        return new BoxKeyPair(secret32.clone());
    }

    /** Parses a peer's box public key as sent on the wire (64 lowercase hex chars). */
    public static byte[] parsePublicKeyHex(String hex, String field) throws ProtocolException {
        return StrictHex.decode(hex, KEY_LENGTH, field);
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** 64 lowercase hex chars, as sent in {@code !fill} and {@code !pubkey}. */
    public String publicKeyHex() {
        return StrictHex.encode(publicKey);
    }

    byte[] secret() {
        return secret;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoxKeyPair other && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "BoxKeyPair[pub=" + publicKeyHex() + ", secret redacted]";
    }
}
