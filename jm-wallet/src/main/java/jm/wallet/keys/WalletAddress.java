package jm.wallet.keys;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One derived wallet address with its public key and output script.
 *
 * @param path         where the key sits
 * @param address      encoded address (bech32 for P2WPKH, base58 P2SH for nested)
 * @param pubKey       33-byte compressed public key (copied in and out)
 * @param scriptPubKey output script (copied in and out)
 */
public record WalletAddress(KeyPath path, String address, byte[] pubKey, byte[] scriptPubKey) {
    public WalletAddress {
        if (path == null || address == null || address.isEmpty()) {
            throw new IllegalArgumentException("path and address are required");
        }
        pubKey = pubKey.clone();
        scriptPubKey = scriptPubKey.clone();
        if (pubKey.length != 33) {
            throw new IllegalArgumentException("public key must be 33 bytes compressed");
        }
    }

    @Override
    public byte[] pubKey() {
        return pubKey.clone();
    }

    @Override
    public byte[] scriptPubKey() {
        return scriptPubKey.clone();
    }

    public String pubKeyHex() {
        return HexFormat.of().formatHex(pubKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WalletAddress w && w.path.equals(path) && w.address.equals(address)
                && Arrays.equals(w.pubKey, pubKey) && Arrays.equals(w.scriptPubKey, scriptPubKey);
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }

    @Override
    public String toString() {
        return "WalletAddress[" + path + " " + address + "]";
    }
}
