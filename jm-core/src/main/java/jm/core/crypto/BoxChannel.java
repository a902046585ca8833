package jm.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * One end of a NaCl box with a counterparty (PROTOCOL.md 4), libsodium-compatible:
 * the shared key {@code crypto_box_beforenm} = HSalsa20(X25519(own secret, peer public), 0)
 * is computed once; each message is {@code crypto_secretbox} (XSalsa20-Poly1305) under a
 * 24-byte nonce, sent as {@code base64(nonce || mac || ciphertext)}. The same channel
 * encrypts and decrypts in both directions. Plaintext is ASCII, as in the reference.
 *
 * <p>Instances are immutable and may be shared; {@link #toString()} never shows the key.
 */
public final class BoxChannel {
    public static final int NONCE_LENGTH = 24;
    public static final int MAC_LENGTH = 16;
    /** Upper bound on the decoded ciphertext accepted by {@link #decrypt(String)} (one line). */
    public static final int MAX_WIRE_CHARS = 40_000;
    private static final byte[] ZERO16 = new byte[16];

    private final byte[] sharedKey;

    private BoxChannel(byte[] sharedKey) {
        this.sharedKey = sharedKey;
    }

    /**
     * Precomputes the shared key with a peer. Rejects a public key of the wrong length or one
     * whose shared secret is all zero (a low-order point), as libsodium does.
     */
    public static BoxChannel of(BoxKeyPair own, byte[] peerPublic) throws ProtocolException {
        if (peerPublic == null || peerPublic.length != BoxKeyPair.KEY_LENGTH) {
            throw new ProtocolException(Reason.MALFORMED, "box.pubkey", "expected 32 bytes");
        }
        byte[] dh = new byte[32];
        if (!X25519.calculateAgreement(own.secret(), 0, peerPublic, 0, dh, 0)) {
            throw new ProtocolException(Reason.INVALID, "box.pubkey", "low-order public key");
        }
        byte[] k = HSalsa20.derive(dh, ZERO16);
        Arrays.fill(dh, (byte) 0);
        return new BoxChannel(k);
    }

    /** Precomputes the shared key with a peer whose key came as 64 lowercase hex chars. */
    public static BoxChannel of(BoxKeyPair own, String peerPublicHex) throws ProtocolException {
        return of(own, BoxKeyPair.parsePublicKeyHex(peerPublicHex, "box.pubkey"));
    }

    /** From an already computed {@code crypto_box_beforenm} key (tests). */
    public static BoxChannel fromSharedKey(byte[] key32) {
        if (key32 == null || key32.length != 32) {
            throw new IllegalArgumentException("shared key must be 32 bytes");
        }
        return new BoxChannel(key32.clone());
    }

    /** The {@code crypto_box_beforenm} key (tests and cross-checks only). */
    public byte[] sharedKey() {
        return sharedKey.clone();
    }

    /** Encrypts ASCII text under a fresh random nonce; returns the wire base64. */
    public String encrypt(String plaintext, SecureRandom random) {
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        return encrypt(plaintext, nonce);
    }

    /** Encrypts ASCII text under the given nonce (never reuse one; tests and vectors only). */
    public String encrypt(String plaintext, byte[] nonce24) {
        return StrictBase64.encode(seal(ascii(plaintext), nonce24));
    }

    /** {@code nonce || mac || ciphertext} of raw bytes. */
    public byte[] seal(byte[] message, byte[] nonce24) {
        if (nonce24 == null || nonce24.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce must be 24 bytes");
        }
        XSalsa20Engine stream = new XSalsa20Engine();
        stream.init(true, new ParametersWithIV(new KeyParameter(sharedKey), nonce24));
        byte[] polyKey = new byte[32];
        stream.processBytes(new byte[32], 0, 32, polyKey, 0);
        byte[] out = new byte[NONCE_LENGTH + MAC_LENGTH + message.length];
        System.arraycopy(nonce24, 0, out, 0, NONCE_LENGTH);
        int ctOff = NONCE_LENGTH + MAC_LENGTH;
        stream.processBytes(message, 0, message.length, out, ctOff);
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(polyKey));
        mac.update(out, ctOff, message.length);
        mac.doFinal(out, NONCE_LENGTH);
        Arrays.fill(polyKey, (byte) 0);
        return out;
    }

    /**
     * Decrypts a wire base64 string from the peer. Typed errors for bad base64, a too-short
     * box, a failed MAC, or non-ASCII plaintext.
     */
    public String decrypt(String base64) throws ProtocolException {
        if (base64 != null && base64.length() > MAX_WIRE_CHARS) {
            throw new ProtocolException(Reason.OVERSIZED, "box.ciphertext", "longer than a line");
        }
        byte[] plain = open(StrictBase64.decode(base64, "box.ciphertext"));
        for (byte b : plain) {
            if (b < 0) {
                throw new ProtocolException(Reason.BAD_ENCODING, "box.plaintext", "not ASCII");
            }
        }
        return new String(plain, StandardCharsets.US_ASCII);
    }

    /** Opens {@code nonce || mac || ciphertext}. */
    public byte[] open(byte[] box) throws ProtocolException {
        if (box.length < NONCE_LENGTH + MAC_LENGTH) {
            throw new ProtocolException(Reason.MALFORMED, "box.ciphertext",
                    "shorter than nonce and MAC (" + box.length + " bytes)");
        }
        XSalsa20Engine stream = new XSalsa20Engine();
        stream.init(false, new ParametersWithIV(new KeyParameter(sharedKey),
                Arrays.copyOfRange(box, 0, NONCE_LENGTH)));
        byte[] polyKey = new byte[32];
        stream.processBytes(new byte[32], 0, 32, polyKey, 0);
        int ctOff = NONCE_LENGTH + MAC_LENGTH;
        int ctLen = box.length - ctOff;
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(polyKey));
        mac.update(box, ctOff, ctLen);
        byte[] expected = new byte[MAC_LENGTH];
        mac.doFinal(expected, 0);
        Arrays.fill(polyKey, (byte) 0);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(box, NONCE_LENGTH, ctOff))) {
            throw new ProtocolException(Reason.BAD_SIGNATURE, "box.mac", "authentication failed");
        }
        byte[] plain = new byte[ctLen];
        stream.processBytes(box, ctOff, ctLen, plain, 0);
        return plain;
    }

    private static byte[] ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                throw new IllegalArgumentException("box plaintext must be ASCII");
            }
        }
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "BoxChannel[key redacted]";
    }
}
