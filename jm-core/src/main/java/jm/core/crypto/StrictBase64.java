package jm.core.crypto;

import java.util.Base64;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;

/**
 * Standard-alphabet base64 with {@code =} padding, decoded strictly: only the canonical
 * encoding of some byte string is accepted (no missing padding, no whitespace, no non-zero
 * trailing bits).
 */
public final class StrictBase64 {
    private StrictBase64() {
    }

    public static byte[] decode(String s, String field) throws ProtocolException {
        if (s == null || s.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, field, "missing");
        }
        if ((s.length() & 3) != 0) {
            throw new ProtocolException(Reason.BAD_ENCODING, field, "base64 length not a multiple of 4");
        }
        byte[] out;
        try {
            out = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(Reason.BAD_ENCODING, field, "not base64");
        }
        if (!Base64.getEncoder().encodeToString(out).equals(s)) {
            throw new ProtocolException(Reason.BAD_ENCODING, field, "non-canonical base64");
        }
        return out;
    }

    public static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
