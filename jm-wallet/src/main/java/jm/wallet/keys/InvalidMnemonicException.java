package jm.wallet.keys;

import jm.wallet.errors.WalletException;

/** A mnemonic that is not a valid BIP39 English phrase (word count, unknown word or checksum). */
public final class InvalidMnemonicException extends WalletException {
    private static final long serialVersionUID = 1L;

    public InvalidMnemonicException(String message) {
        super(message);
    }
}
