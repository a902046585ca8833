package jm.core;

/**
 * A JoinMarket nick: {@code "J" + version digit + 14 chars} (Base58 of a truncated hash of
 * the nick public key, right-padded with 'O'). Parsing checks the form only; binding to a key
 * is checked by {@code jm.core.crypto.NickKeys#matches}.
 *
 * @param value the 16-character nick
 */
public record Nick(String value) {
    public static final int LENGTH = 16;
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public Nick {
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("not a JoinMarket nick: " + value);
        }
    }

    /** Parses a nick from untrusted input. */
    public static Nick parse(String s) throws ProtocolException {
        if (s == null || s.isEmpty()) {
            throw new ProtocolException(ProtocolException.Reason.MISSING_FIELD, "nick", "empty");
        }
        if (!isWellFormed(s)) {
            throw new ProtocolException(ProtocolException.Reason.MALFORMED, "nick",
                    "expected J + digit + 14 base58/'O' chars");
        }
        return new Nick(s);
    }

    public static boolean isWellFormed(String s) {
        if (s == null || s.length() != LENGTH || s.charAt(0) != 'J') {
            return false;
        }
        char v = s.charAt(1);
        if (v < '0' || v > '9') {
            return false;
        }
        boolean padding = false;
        for (int i = 2; i < LENGTH; i++) {
            char c = s.charAt(i);
            if (c == 'O') {
                padding = true;
            } else if (padding || BASE58.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
