package jm.wallet.store;

import jm.core.Network;
import jm.wallet.keys.KeyPath;
import jm.wallet.keys.WalletType;

/**
 * The unencrypted, authenticated part of a wallet file.
 *
 * @param network          chain of the wallet (address encoding, coin type)
 * @param type             address type
 * @param mixdepths        number of mixdepths, 1..10
 * @param passphraseStored whether the BIP39 passphrase is stored (encrypted) in the file
 * @param birthday         Unix seconds before the wallet's first transaction (rescan start); 0 = unknown
 */
public record WalletHeader(Network network, WalletType type, int mixdepths, boolean passphraseStored, long birthday) {
    public WalletHeader {
        if (network == null || type == null) {
            throw new IllegalArgumentException("network and type are required");
        }
        if (mixdepths < 1 || mixdepths > KeyPath.MAX_MIXDEPTHS) {
            throw new IllegalArgumentException("mixdepths must be 1.." + KeyPath.MAX_MIXDEPTHS + ": " + mixdepths);
        }
        if (birthday < 0) {
            throw new IllegalArgumentException("negative birthday");
        }
    }
}
