package jm.core.podle;

import java.util.Arrays;
import java.util.Optional;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.crypto.StrictHex;

/**
 * A UTXO as named in {@code !auth} and {@code !ioauth} (PROTOCOL.md 5.6): the legacy form
 * {@code txid:vout}, or the extended form {@code txid:vout:scriptPubKeyHex:height} that
 * NG sends only to {@code neutrino_compat} peers.
 *
 * @param outPoint the output
 * @param scriptPubKey the output's scriptPubKey in the extended form, else null
 * @param height the confirmation height in the extended form, else -1
 */
public record UtxoRef(OutPoint outPoint, byte[] scriptPubKey, long height) {
    /** Consensus maximum script size; longer scriptPubKeys are rejected. */
    public static final int MAX_SCRIPT_BYTES = 10_000;
    /** Longest acceptable wire form (extended, with the largest script). */
    public static final int MAX_WIRE_CHARS = 64 + 1 + 10 + 1 + 2 * MAX_SCRIPT_BYTES + 1 + 10;

    public UtxoRef {
        if (outPoint == null) {
            throw new IllegalArgumentException("outPoint is required");
        }
        if (scriptPubKey == null) {
            if (height != -1) {
                throw new IllegalArgumentException("legacy form has no height");
            }
        } else {
            if (scriptPubKey.length == 0 || scriptPubKey.length > MAX_SCRIPT_BYTES) {
                throw new IllegalArgumentException("scriptPubKey must be 1.." + MAX_SCRIPT_BYTES + " bytes");
            }
            if (height < 0 || height > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("height out of range: " + height);
            }
            scriptPubKey = scriptPubKey.clone();
        }
    }

    public static UtxoRef legacy(OutPoint outPoint) {
        return new UtxoRef(outPoint, null, -1);
    }

    public static UtxoRef extended(OutPoint outPoint, byte[] scriptPubKey, long height) {
        return new UtxoRef(outPoint, scriptPubKey, height);
    }

    /** Parses either form. */
    public static UtxoRef parse(String s) throws ProtocolException {
        if (s == null || s.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, "utxo", "missing");
        }
        if (s.length() > MAX_WIRE_CHARS) {
            throw new ProtocolException(Reason.OVERSIZED, "utxo", "too long");
        }
        String[] parts = s.split(":", -1);
        if (parts.length != 2 && parts.length != 4) {
            throw new ProtocolException(Reason.MALFORMED, "utxo",
                    "expected txid:vout or txid:vout:scriptPubKey:height");
        }
        OutPoint op = new OutPoint(OutPoint.parseTxid(parts[0]), OutPoint.parseVout(parts[1]));
        if (parts.length == 2) {
            return legacy(op);
        }
        byte[] spk = StrictHex.decodeAny(parts[2], "utxo.scriptPubKey");
        if (spk.length == 0 || spk.length > MAX_SCRIPT_BYTES) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, "utxo.scriptPubKey", "empty or too long");
        }
        long h = parseHeight(parts[3]);
        return extended(op, spk, h);
    }

    private static long parseHeight(String dec) throws ProtocolException {
        if (dec.isEmpty() || dec.length() > 10 || (dec.length() > 1 && dec.charAt(0) == '0')) {
            throw new ProtocolException(Reason.MALFORMED, "utxo.height", "bad decimal");
        }
        long v = 0;
        for (int i = 0; i < dec.length(); i++) {
            char c = dec.charAt(i);
            if (c < '0' || c > '9') {
                throw new ProtocolException(Reason.BAD_ENCODING, "utxo.height", "not a decimal");
            }
            v = v * 10 + (c - '0');
        }
        if (v > Integer.MAX_VALUE) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, "utxo.height", "too large");
        }
        return v;
    }

    public boolean isExtended() {
        return scriptPubKey != null;
    }

    @Override
    public byte[] scriptPubKey() {
        return scriptPubKey == null ? null : scriptPubKey.clone();
    }

    public Optional<byte[]> scriptPubKeyIfExtended() {
        return Optional.ofNullable(scriptPubKey());
    }

    /** The legacy form of the same output. */
    public UtxoRef toLegacy() {
        return isExtended() ? legacy(outPoint) : this;
    }

    public String toWire() {
        return isExtended()
                ? outPoint.toWire() + ":" + StrictHex.encode(scriptPubKey) + ":" + height
                : outPoint.toWire();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UtxoRef other && outPoint.equals(other.outPoint)
                && Arrays.equals(scriptPubKey, other.scriptPubKey) && height == other.height;
    }

    @Override
    public int hashCode() {
        return 31 * outPoint.hashCode() + Arrays.hashCode(scriptPubKey) + Long.hashCode(height);
    }

    @Override
    public String toString() {
        return toWire();
    }
}
