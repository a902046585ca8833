package jm.core.command;

import java.security.SecureRandom;
import jm.core.crypto.BoxChannel;

/**
 * {@code !ioauth}: the maker's inputs, addresses and key binding, encrypted (5.7).
 */
public final class IoAuth extends SealedCommand<IoAuthPayload> {
    /** @param ciphertext {@code base64(nonce || mac || ciphertext)} as sent */
    public IoAuth(String ciphertext) {
        super(CommandName.IOAUTH, ciphertext, IoAuthPayload::parse);
    }

    /** Encrypts {@code payload} for the peer under a fresh random nonce. */
    public static IoAuth seal(BoxChannel box, IoAuthPayload payload, SecureRandom random) {
        return new IoAuth(box.encrypt(payload.toWire(), random));
    }
}
