package jm.core.command;

import java.security.SecureRandom;
import jm.core.ProtocolException;
import jm.core.crypto.BoxChannel;

/**
 * {@code !tx}: the unsigned CoinJoin transaction, encrypted (5.8).
 *
 * @param ciphertext {@code base64(nonce || mac || ciphertext)} as sent
 */
public record Tx(String ciphertext) implements EncryptedCommand {
    public Tx {
        try {
            Ciphertexts.check(ciphertext, "tx.ciphertext");
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Parses the (still encrypted) argument of a received {@code !tx}. */
    public static Tx parse(String args) throws ProtocolException {
        Ciphertexts.check(args, "tx.ciphertext");
        return new Tx(args);
    }

    /** Encrypts {@code payload} for the peer under a fresh random nonce. */
    public static Tx seal(BoxChannel box, TxPayload payload, SecureRandom random) {
        return new Tx(box.encrypt(payload.toWire(), random));
    }

    /** Encrypts under a given nonce (tests and vectors only; never reuse a nonce). */
    public static Tx seal(BoxChannel box, TxPayload payload, byte[] nonce24) {
        return new Tx(box.encrypt(payload.toWire(), nonce24));
    }

    /** Decrypts and parses the payload; typed errors for a failed MAC or a malformed payload. */
    public TxPayload open(BoxChannel box) throws ProtocolException {
        return TxPayload.parse(box.decrypt(ciphertext));
    }

    @Override
    public CommandName name() {
        return CommandName.TX;
    }
}
