package jm.core.command;

import java.security.SecureRandom;
import jm.core.crypto.BoxChannel;
import jm.core.podle.PodleRevelation;

/**
 * {@code !auth}: the taker's PoDLE revelation, encrypted (5.6). The plaintext is a {@link PodleRevelation}.
 */
public final class Auth extends SealedCommand<PodleRevelation> {
    /** @param ciphertext {@code base64(nonce || mac || ciphertext)} as sent */
    public Auth(String ciphertext) {
        super(CommandName.AUTH, ciphertext, PodleRevelation::parse);
    }

    /** Encrypts {@code payload} for the peer under a fresh random nonce. */
    public static Auth seal(BoxChannel box, PodleRevelation payload, SecureRandom random) {
        return new Auth(box.encrypt(payload.toWire(), random));
    }
}
