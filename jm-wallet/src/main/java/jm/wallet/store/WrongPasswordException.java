package jm.wallet.store;

/** The password does not decrypt the wallet file (or the file was modified). */
public final class WrongPasswordException extends WalletFileException {
    private static final long serialVersionUID = 1L;

    public WrongPasswordException(String walletName) {
        super("wrong password for wallet '" + walletName + "' (or the wallet file was modified)");
    }
}
