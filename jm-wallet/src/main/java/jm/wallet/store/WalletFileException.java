package jm.wallet.store;

import jm.wallet.WalletException;

/** A wallet or metadata file is missing, unreadable, corrupt or of an unsupported version. */
public class WalletFileException extends WalletException {
    private static final long serialVersionUID = 1L;

    public WalletFileException(String message) {
        super(message);
    }

    public WalletFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
