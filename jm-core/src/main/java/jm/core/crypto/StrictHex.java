package jm.core.crypto;

import java.util.HexFormat;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;

/** Lowercase-only hex decoding of untrusted input; anything else is a typed error. */
public final class StrictHex {
    private static final HexFormat HEX = HexFormat.of();

    private StrictHex() {
    }

    /**
     * Decodes lowercase hex of exactly {@code expectedBytes} bytes.
     *
     * @param field the field name reported in errors
     */
    public static byte[] decode(String s, int expectedBytes, String field) throws ProtocolException {
        if (s == null || s.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, field, "missing");
        }
        if (s.length() != expectedBytes * 2) {
            throw new ProtocolException(Reason.MALFORMED, field,
                    "expected " + (expectedBytes * 2) + " hex chars, got " + s.length());
        }
        return decodeAny(s, field);
    }

    /** Decodes lowercase hex of any even length (possibly empty). */
    public static byte[] decodeAny(String s, String field) throws ProtocolException {
        if (s == null) {
            throw new ProtocolException(Reason.MISSING_FIELD, field, "missing");
        }
        if ((s.length() & 1) != 0) {
            throw new ProtocolException(Reason.MALFORMED, field, "odd number of hex chars");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new ProtocolException(Reason.BAD_ENCODING, field,
                        (c >= 'A' && c <= 'F') ? "uppercase hex" : "not hex at position " + i);
            }
        }
        return HEX.parseHex(s);
    }

    public static String encode(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
