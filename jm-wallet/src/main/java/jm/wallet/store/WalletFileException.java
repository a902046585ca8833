package jm.wallet.store;

import jm.wallet.errors.WalletException;

/** A wallet or metadata file is missing, unreadable, corrupt or of an unsupported version. */
public class WalletFileException extends WalletException {
    private static final long serialVersionUID = 1L;

    public WalletFileException(String message) {
        super(message);
    }

    public WalletFileException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "cannot read WHAT FILE: permission denied" (or the I/O error's own words). */
    public static WalletFileException cannotRead(String what, java.nio.file.Path file, java.io.IOException e) {
        String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
        return new WalletFileException("cannot read " + what + " " + file + ": " + why, e);
    }
}
