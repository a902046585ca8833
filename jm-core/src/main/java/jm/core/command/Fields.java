package jm.core.command;

import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.crypto.StrictBase64;

/** Shared field readers for command arguments. */
final class Fields {
    private Fields() {
    }

    /** Splits on single spaces (as the reference does); requires at least {@code min} tokens. */
    static String[] split(String args, int min, String field, String expected) throws ProtocolException {
        if (args == null || args.isEmpty()) {
            if (min == 0) {
                return new String[0];
            }
            throw new ProtocolException(Reason.MISSING_FIELD, field, "expected " + expected);
        }
        String[] t = args.split(" ", -1);
        if (t.length < min) {
            throw new ProtocolException(Reason.MISSING_FIELD, field, "expected " + expected);
        }
        for (int i = 0; i < min; i++) {
            if (t[i].isEmpty()) {
                throw new ProtocolException(Reason.MALFORMED, field, "empty field (double space?)");
            }
        }
        return t;
    }

    /** A canonical non-negative decimal (no sign, no leading zeros) up to {@code max}. */
    static long decimal(String s, String field, long min, long max) throws ProtocolException {
        if (s.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, field, "empty");
        }
        if (s.length() > 19) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, field, "too large");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new ProtocolException(Reason.BAD_ENCODING, field, "not an unsigned decimal");
            }
        }
        if (s.length() > 1 && s.charAt(0) == '0') {
            throw new ProtocolException(Reason.BAD_ENCODING, field, "leading zero");
        }
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, field, "too large");
        }
        if (v < min || v > max) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, field, "must be " + min + ".." + max);
        }
        return v;
    }

    /** Strict base64 with a length cap checked before decoding. */
    static byte[] base64(String s, String field, int maxChars) throws ProtocolException {
        if (s != null && s.length() > maxChars) {
            throw new ProtocolException(Reason.OVERSIZED, field, "longer than " + maxChars + " chars");
        }
        return StrictBase64.decode(s, field);
    }

    static boolean isBase64Char(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }
}
