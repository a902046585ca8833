package jm.core.command;

/**
 * One of the four commands that exist on the wire only as NaCl-box ciphertext
 * ({@code auth, ioauth, tx, sig}); always alone in its private message. There is no way to
 * build one from plaintext except by encrypting it.
 */
public sealed interface EncryptedCommand extends PrivateCommand permits SealedCommand {
    /** {@code base64(nonce || mac || ciphertext)}. */
    String ciphertext();

    @Override
    default String args() {
        return ciphertext();
    }
}
