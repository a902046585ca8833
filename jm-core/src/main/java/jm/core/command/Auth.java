package jm.core.command;

import java.security.SecureRandom;
import jm.core.ProtocolException;
import jm.core.crypto.BoxChannel;
import jm.core.podle.PodleRevelation;

/**
 * {@code !auth}: the taker's PoDLE revelation, encrypted (5.6). The plaintext is a {@link PodleRevelation}.
 *
 * @param ciphertext {@code base64(nonce || mac || ciphertext)} as sent
 */
public record Auth(String ciphertext) implements EncryptedCommand {
    public Auth {
        try {
            Ciphertexts.check(ciphertext, "auth.ciphertext");
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Parses the (still encrypted) argument of a received {@code !auth}. */
    public static Auth parse(String args) throws ProtocolException {
        Ciphertexts.check(args, "auth.ciphertext");
        return new Auth(args);
    }

    /** Encrypts {@code payload} for the peer under a fresh random nonce. */
    public static Auth seal(BoxChannel box, PodleRevelation payload, SecureRandom random) {
        return new Auth(box.encrypt(payload.toWire(), random));
    }

    /** Encrypts under a given nonce (tests and vectors only; never reuse a nonce). */
    public static Auth seal(BoxChannel box, PodleRevelation payload, byte[] nonce24) {
        return new Auth(box.encrypt(payload.toWire(), nonce24));
    }

    /** Decrypts and parses the payload; typed errors for a failed MAC or a malformed payload. */
    public PodleRevelation open(BoxChannel box) throws ProtocolException {
        return PodleRevelation.parse(box.decrypt(ciphertext));
    }

    @Override
    public CommandName name() {
        return CommandName.AUTH;
    }
}
