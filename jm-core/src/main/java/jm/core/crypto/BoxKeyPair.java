package jm.core.crypto;

import java.security.SecureRandom;
import jm.core.ByteValue;
import jm.core.ProtocolException;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * An ephemeral Curve25519 key pair for the NaCl box (PROTOCOL.md 4): the secret is 32 random
 * bytes, the public key {@code crypto_scalarmult_base(secret)}. {@link #toString()} never
 * shows the secret.
 */
public final class BoxKeyPair extends ByteValue {
    public static final int KEY_LENGTH = 32;
    private final byte[] secret;

    /** Equal (and hashed) by the public key alone. */
    private BoxKeyPair(byte[] secret) {
        super(publicKeyOf(secret));
        this.secret = secret;
    }

    private static byte[] publicKeyOf(byte[] secret) {
        byte[] pub = new byte[KEY_LENGTH];
        X25519.scalarMultBase(secret, 0, pub, 0);
        return pub;
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
        return bytes();
    }

    /** 64 lowercase hex chars, as sent in {@code !fill} and {@code !pubkey}. */
    public String publicKeyHex() {
        return StrictHex.encode(view());
    }

    byte[] secret() {
        return secret;
    }

    @Override
    public String toString() {
        return "BoxKeyPair[pub=" + publicKeyHex() + ", secret redacted]";
    }
}
