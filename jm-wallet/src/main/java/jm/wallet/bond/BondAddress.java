package jm.wallet.bond;

import java.util.Arrays;
import java.util.HexFormat;
import jm.wallet.keys.KeyPath;

/**
 * A fidelity-bond address: P2WSH of the freeze script of the key at {@code m/84'/c'/0'/2/t}.
 *
 * @param path          key path (branch BOND, index = timenumber)
 * @param locktime      Unix seconds, 00:00 UTC on the first of a month
 * @param pubKey        33-byte key (copied)
 * @param witnessScript freeze script (copied)
 * @param scriptPubKey  {@code 0020 || sha256(witnessScript)} (copied)
 * @param address       bech32 P2WSH address
 */
public record BondAddress(KeyPath path, long locktime, byte[] pubKey, byte[] witnessScript, byte[] scriptPubKey,
                          String address) {
    public BondAddress {
        pubKey = pubKey.clone();
        witnessScript = witnessScript.clone();
        scriptPubKey = scriptPubKey.clone();
    }

    public int timenumber() {
        return path.index();
    }

    @Override
    public byte[] pubKey() {
        return pubKey.clone();
    }

    @Override
    public byte[] witnessScript() {
        return witnessScript.clone();
    }

    @Override
    public byte[] scriptPubKey() {
        return scriptPubKey.clone();
    }

    /** Path as wallets print it: {@code m/84'/0'/0'/2/t:<locktime>}. */
    public String pathText() {
        return path + ":" + locktime;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BondAddress b && b.path.equals(path) && b.locktime == locktime
                && Arrays.equals(b.witnessScript, witnessScript) && b.address.equals(address);
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }

    @Override
    public String toString() {
        return "BondAddress[" + pathText() + " " + address + " script=" + HexFormat.of().formatHex(witnessScript) + "]";
    }
}
