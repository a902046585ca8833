package jm.core.command;

import java.security.SecureRandom;
import jm.core.ProtocolException;
import jm.core.crypto.BoxChannel;

/**
 * {@code !ioauth}: the maker's inputs, addresses and key binding, encrypted (5.7).
 *
 * @param ciphertext {@code base64(nonce || mac || ciphertext)} as sent
 */
public record IoAuth(String ciphertext) implements EncryptedCommand {
    public IoAuth {
        try {
            Ciphertexts.check(ciphertext, "ioauth.ciphertext");
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Parses the (still encrypted) argument of a received {@code !ioauth}. */
    public static IoAuth parse(String args) throws ProtocolException {
        Ciphertexts.check(args, "ioauth.ciphertext");
        return new IoAuth(args);
    }

    /** Encrypts {@code payload} for the peer under a fresh random nonce. */
    public static IoAuth seal(BoxChannel box, IoAuthPayload payload, SecureRandom random) {
        return new IoAuth(box.encrypt(payload.toWire(), random));
    }

    /** Encrypts under a given nonce (tests and vectors only; never reuse a nonce). */
    public static IoAuth seal(BoxChannel box, IoAuthPayload payload, byte[] nonce24) {
        return new IoAuth(box.encrypt(payload.toWire(), nonce24));
    }

    /** Decrypts and parses the payload; typed errors for a failed MAC or a malformed payload. */
    public IoAuthPayload open(BoxChannel box) throws ProtocolException {
        return IoAuthPayload.parse(box.decrypt(ciphertext));
    }

    @Override
    public CommandName name() {
        return CommandName.IOAUTH;
    }
}
