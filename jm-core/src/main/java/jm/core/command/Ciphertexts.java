package jm.core.command;

import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.crypto.BoxChannel;

/** Shape checks for box ciphertext arguments. */
final class Ciphertexts {
    /** Nonce and MAC, plus at least one plaintext byte. */
    static final int MIN_BYTES = BoxChannel.NONCE_LENGTH + BoxChannel.MAC_LENGTH + 1;
    static final int MAX_CHARS = 40_000;

    private Ciphertexts() {
    }

    /** The field an encrypted command's argument is reported as: {@code auth.ciphertext} etc. */
    static String field(CommandName name) {
        return name.wireName() + ".ciphertext";
    }

    /** Checks the argument of a received encrypted command and returns it. */
    static String checked(CommandName name, String args) throws ProtocolException {
        check(args, field(name));
        return args;
    }

    static void check(String s, String field) throws ProtocolException {
        if (s == null || s.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, field, "missing");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '!') {
                throw new ProtocolException(Reason.MALFORMED, field, "an encrypted command is one base64 token, alone");
            }
        }
        byte[] b = Fields.base64(s, field, MAX_CHARS);
        if (b.length < MIN_BYTES) {
            throw new ProtocolException(Reason.MALFORMED, field, "shorter than nonce + MAC + 1 byte");
        }
    }
}
