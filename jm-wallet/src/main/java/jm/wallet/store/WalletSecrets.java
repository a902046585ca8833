package jm.wallet.store;

import java.util.Optional;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;

/**
 * What the wallet file encrypts: the mnemonic and, only if the user asked, the passphrase.
 * {@code checkAddress} (first receive address) lets an opener tell a wrong passphrase.
 */
public final class WalletSecrets {
    private final Mnemonic mnemonic;
    private final Passphrase storedPassphrase;
    private final String checkAddress;

    public WalletSecrets(Mnemonic mnemonic, Passphrase storedPassphrase, String checkAddress) {
        if (mnemonic == null) {
            throw new IllegalArgumentException("mnemonic is required");
        }
        this.mnemonic = mnemonic;
        this.storedPassphrase = storedPassphrase;
        this.checkAddress = checkAddress;
    }

    public Mnemonic mnemonic() {
        return mnemonic;
    }

    /** The passphrase if it is stored in the file. */
    public Optional<Passphrase> storedPassphrase() {
        return Optional.ofNullable(storedPassphrase);
    }

    /** First receive address of the wallet (mixdepth 0, external, index 0), if recorded. */
    public Optional<String> checkAddress() {
        return Optional.ofNullable(checkAddress);
    }

    @Override
    public String toString() {
        return "WalletSecrets[redacted]";
    }
}
