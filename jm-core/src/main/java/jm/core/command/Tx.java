package jm.core.command;

import java.security.SecureRandom;
import jm.core.crypto.BoxChannel;

/**
 * {@code !tx}: the unsigned CoinJoin transaction, encrypted (5.8).
 */
public final class Tx extends SealedCommand<TxPayload> {
    /** @param ciphertext {@code base64(nonce || mac || ciphertext)} as sent */
    public Tx(String ciphertext) {
        super(CommandName.TX, ciphertext, TxPayload::parse);
    }

    /** Encrypts {@code payload} for the peer under a fresh random nonce. */
    public static Tx seal(BoxChannel box, TxPayload payload, SecureRandom random) {
        return new Tx(box.encrypt(payload.toWire(), random));
    }
}
