package jm.core.command;

import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;

/**
 * {@code !error <free text>} (5.11): signed, never encrypted. The text may contain spaces but
 * no {@code !}; NG takers treat texts containing {@code blacklist} as a burned commitment.
 *
 * @param text 1..{@link #MAX_CHARS} printable ASCII characters without {@code !}
 */
public record ErrorCommand(String text) implements PlaintextCommand {
    public static final int MAX_CHARS = 1_000;

    public ErrorCommand {
        try {
            check(text);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void check(String text) throws ProtocolException {
        if (text == null || text.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, "error.text", "empty");
        }
        if (text.length() > MAX_CHARS) {
            throw new ProtocolException(Reason.OVERSIZED, "error.text", "longer than " + MAX_CHARS + " chars");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '!') {
                throw new ProtocolException(Reason.BAD_ENCODING, "error.text", "not printable ASCII without '!'");
            }
        }
    }

    public static ErrorCommand parse(String args) throws ProtocolException {
        check(args);
        return new ErrorCommand(args);
    }

    /** Whether the text reports a blacklisted (burned) commitment. */
    public boolean mentionsBlacklist() {
        return text.toLowerCase(java.util.Locale.ROOT).contains("blacklist");
    }

    @Override
    public CommandName name() {
        return CommandName.ERROR;
    }

    @Override
    public String args() {
        return text;
    }
}
