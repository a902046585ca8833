package jm.core.command;

import java.security.SecureRandom;
import jm.core.crypto.BoxChannel;

/**
 * {@code !sig}: one maker input's signature blob, encrypted (5.9); one message per input.
 */
public final class Sig extends SealedCommand<SigPayload> {
    /** @param ciphertext {@code base64(nonce || mac || ciphertext)} as sent */
    public Sig(String ciphertext) {
        super(CommandName.SIG, ciphertext, SigPayload::parse);
    }

    /** Encrypts {@code payload} for the peer under a fresh random nonce. */
    public static Sig seal(BoxChannel box, SigPayload payload, SecureRandom random) {
        return new Sig(box.encrypt(payload.toWire(), random));
    }
}
