package jm.core.podle;

import jm.core.ByteValue;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.crypto.Hashes;
import jm.core.crypto.StrictHex;

/**
 * A PoDLE commitment: SHA-256 of the compressed point P2 = x·J(i). Written {@code "P" + hex}
 * as the last {@code !fill} argument and as plain hex in {@code !hp2} and blacklists.
 */
public final class PodleCommitment extends ByteValue {
    /** The only defined commitment type prefix in {@code !fill}. */
    public static final char TYPE_PREFIX = 'P';

    /** @param hash the 32-byte commitment */
    public PodleCommitment(byte[] hash) {
        super(checkLength(hash));
    }

    private static byte[] checkLength(byte[] hash) {
        if (hash == null || hash.length != 32) {
            throw new IllegalArgumentException("commitment must be 32 bytes");
        }
        return hash;
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

    /** A copy of the 32-byte commitment. */
    public byte[] hash() {
        return bytes();
    }

    public String toHex() {
        return StrictHex.encode(view());
    }

    public String toFillField() {
        return TYPE_PREFIX + toHex();
    }

    @Override
    public String toString() {
        return toHex();
    }
}
