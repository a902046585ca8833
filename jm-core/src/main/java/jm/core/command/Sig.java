package jm.core.command;

import java.security.SecureRandom;
import jm.core.ProtocolException;
import jm.core.crypto.BoxChannel;

/**
 * {@code !sig}: one maker input's signature blob, encrypted (5.9); one message per input.
 *
 * @param ciphertext {@code base64(nonce || mac || ciphertext)} as sent
 */
public record Sig(String ciphertext) implements EncryptedCommand {
    public Sig {
        try {
            Ciphertexts.check(ciphertext, "sig.ciphertext");
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Parses the (still encrypted) argument of a received {@code !sig}. */
    public static Sig parse(String args) throws ProtocolException {
        Ciphertexts.check(args, "sig.ciphertext");
        return new Sig(args);
    }

    /** Encrypts {@code payload} for the peer under a fresh random nonce. */
    public static Sig seal(BoxChannel box, SigPayload payload, SecureRandom random) {
        return new Sig(box.encrypt(payload.toWire(), random));
    }

    /** Encrypts under a given nonce (tests and vectors only; never reuse a nonce). */
    public static Sig seal(BoxChannel box, SigPayload payload, byte[] nonce24) {
        return new Sig(box.encrypt(payload.toWire(), nonce24));
    }

    /** Decrypts and parses the payload; typed errors for a failed MAC or a malformed payload. */
    public SigPayload open(BoxChannel box) throws ProtocolException {
        return SigPayload.parse(box.decrypt(ciphertext));
    }

    @Override
    public CommandName name() {
        return CommandName.SIG;
    }
}
