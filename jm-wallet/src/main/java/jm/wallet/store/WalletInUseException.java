package jm.wallet.store;

import jm.wallet.errors.WalletException;

/** Another process (named in the message) holds the wallet's writer lock. */
public final class WalletInUseException extends WalletException {
    private static final long serialVersionUID = 1L;

    public WalletInUseException(String walletName, String holder) {
        super("wallet '" + walletName + "' is in use by " + holder + "; only one command may change a wallet at a time"
                + " (stop that one first; read-only commands such as `jm wallet info` still work)");
    }
}
