package jm.core.podle;

import java.util.Arrays;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.crypto.Hashes;
import jm.core.crypto.StrictHex;

/**
 * A PoDLE commitment: SHA-256 of the compressed point P2 = x·J(i). Written {@code "P" + hex}
 * as the last {@code !fill} argument and as plain hex in {@code !hp2} and blacklists.
 *
 * @param hash the 32-byte commitment
 */
public record PodleCommitment(byte[] hash) {
    /** The only defined commitment type prefix in {@code !fill}. */
    public static final char TYPE_PREFIX = 'P';

    public PodleCommitment {
        if (hash == null || hash.length != 32) {
            throw new IllegalArgumentException("commitment must be 32 bytes");
        }
        hash = hash.clone();
    }

    /** The commitment to a compressed P2. */
    public static PodleCommitment of(byte[] p2) {
        return new PodleCommitment(Hashes.sha256(p2));
    }

    /** Parses the {@code !fill} field: {@code "P"} followed by 64 lowercase hex chars. */
    public static PodleCommitment parseFillField(String s) throws ProtocolException {
        if (s == null || s.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, "fill.commitment", "missing");
        }
        if (s.charAt(0) != TYPE_PREFIX) {
            throw new ProtocolException(Reason.INVALID, "fill.commitment",
                    "unsupported commitment type '" + s.charAt(0) + "'");
        }
        return new PodleCommitment(StrictHex.decode(s.substring(1), 32, "fill.commitment"));
    }

    /** Parses 64 lowercase hex chars ({@code !hp2}, blacklist entries). */
    public static PodleCommitment parseHex(String s) throws ProtocolException {
        return new PodleCommitment(StrictHex.decode(s, 32, "commitment"));
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    public String toHex() {
        return StrictHex.encode(hash);
    }

    public String toFillField() {
        return TYPE_PREFIX + toHex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PodleCommitment other && Arrays.equals(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
