package jm.core;

import java.util.HexFormat;
import org.bitcoinj.base.Sha256Hash;

/**
 * A transaction output reference, written {@code txid:vout} on the wire with the txid in
 * display (RPC) byte order, lowercase hex.
 *
 * @param txid transaction id (display order, as bitcoinj's {@link Sha256Hash} prints it)
 * @param vout output index, 0 to 2^32-1
 */
public record OutPoint(Sha256Hash txid, long vout) implements Comparable<OutPoint> {

    public OutPoint {
        if (txid == null) {
            throw new IllegalArgumentException("txid is null");
        }
        if (vout < 0 || vout > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("vout out of range: " + vout);
        }
    }

    public static OutPoint of(String txidHex, long vout) {
        return new OutPoint(Sha256Hash.wrap(txidHex), vout);
    }

    /** Parses {@code <64 lowercase hex>:<decimal vout>} from a peer. */
    public static OutPoint parse(String s) throws ProtocolException {
        if (s == null) {
            throw new ProtocolException(ProtocolException.Reason.MISSING_FIELD, "utxo", "missing");
        }
        int colon = s.indexOf(':');
        if (colon < 0 || s.indexOf(':', colon + 1) >= 0) {
            throw new ProtocolException(ProtocolException.Reason.MALFORMED, "utxo", "expected txid:vout");
        }
        return new OutPoint(parseTxid(s.substring(0, colon)), parseVout(s.substring(colon + 1)));
    }

    /** Parses a 64-char lowercase hex txid. */
    public static Sha256Hash parseTxid(String hex) throws ProtocolException {
        if (hex.length() != 64) {
            throw new ProtocolException(ProtocolException.Reason.MALFORMED, "utxo.txid", "expected 64 hex chars");
        }
        for (int i = 0; i < 64; i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new ProtocolException(ProtocolException.Reason.BAD_ENCODING, "utxo.txid",
                        "not lowercase hex");
            }
        }
        return Sha256Hash.wrap(HexFormat.of().parseHex(hex));
    }

    /** Parses a decimal vout without sign or leading zeros beyond a single "0". */
    public static long parseVout(String dec) throws ProtocolException {
        if (dec.isEmpty() || dec.length() > 10 || (dec.length() > 1 && dec.charAt(0) == '0')) {
            throw new ProtocolException(ProtocolException.Reason.MALFORMED, "utxo.vout", "bad decimal");
        }
        long v = 0;
        for (int i = 0; i < dec.length(); i++) {
            char c = dec.charAt(i);
            if (c < '0' || c > '9') {
                throw new ProtocolException(ProtocolException.Reason.BAD_ENCODING, "utxo.vout", "not a decimal");
            }
            v = v * 10 + (c - '0');
        }
        if (v > 0xFFFF_FFFFL) {
            throw new ProtocolException(ProtocolException.Reason.OUT_OF_RANGE, "utxo.vout", "above 2^32-1");
        }
        return v;
    }

    public String toWire() {
        return txid + ":" + vout;
    }

    @Override
    public int compareTo(OutPoint o) {
        int c = txid.compareTo(o.txid);
        return c != 0 ? c : Long.compare(vout, o.vout);
    }

    @Override
    public String toString() {
        return toWire();
    }
}
