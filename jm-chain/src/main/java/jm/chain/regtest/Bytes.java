package jm.chain.regtest;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string usable as a map key (scriptPubKeys). */
final class Bytes {
    private final byte[] data;
    private final int hash;

    private Bytes(byte[] data) {
        this.data = data;
        this.hash = Arrays.hashCode(data);
    }

    static Bytes copyOf(byte[] data) {
        return new Bytes(data.clone());
    }

    /** Wraps without copying: the caller must not modify {@code data} afterwards. */
    static Bytes wrap(byte[] data) {
        return new Bytes(data);
    }

    byte[] toArray() {
        return data.clone();
    }

    String hex() {
        return HexFormat.of().formatHex(data);
    }

    int length() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && b.hash == hash && Arrays.equals(b.data, data);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return hex();
    }
}
