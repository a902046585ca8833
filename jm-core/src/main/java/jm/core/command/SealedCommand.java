package jm.core.command;

import java.util.Objects;
import jm.core.ProtocolException;
import jm.core.crypto.BoxChannel;

/**
 * What the four encrypted commands share: one checked ciphertext token
 * ({@code base64(nonce || mac || ciphertext)} as sent), opened into the command's typed payload.
 *
 * @param <P> the decrypted payload's type
 */
public abstract sealed class SealedCommand<P> implements EncryptedCommand permits Auth, IoAuth, Tx, Sig {
    private final CommandName name;
    private final String ciphertext;
    private final PayloadParser<P> parser;

    SealedCommand(CommandName name, String ciphertext, PayloadParser<P> parser) {
        try {
            Ciphertexts.check(ciphertext, Ciphertexts.field(name));
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        this.name = name;
        this.ciphertext = ciphertext;
        this.parser = parser;
    }

    @Override
    public final CommandName name() {
        return name;
    }

    @Override
    public final String ciphertext() {
        return ciphertext;
    }

    /** Decrypts and parses the payload; typed errors for a failed MAC or a malformed payload. */
    public final P open(BoxChannel box) throws ProtocolException {
        return parser.parse(box.decrypt(ciphertext));
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ciphertext.equals(((SealedCommand<?>) o).ciphertext);
    }

    @Override
    public final int hashCode() {
        return Objects.hash(name, ciphertext);
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[ciphertext=" + ciphertext + "]";
    }

    /** Parses a decrypted payload. */
    @FunctionalInterface
    interface PayloadParser<P> {
        P parse(String plaintext) throws ProtocolException;
    }
}
