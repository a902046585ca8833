package jm.wallet.errors;

/** Base of the wallet's typed, unchecked errors; the message is fit to show a user. */
public class WalletException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WalletException(String message) {
        super(message);
    }

    public WalletException(String message, Throwable cause) {
        super(message, cause);
    }
}
