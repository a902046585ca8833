package jm.maker.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import jm.core.ProtocolException;
import jm.maker.session.SessionCipher;

/**
 * A stand-in for the NaCl box in state-machine tests: "encrypts" by tagging with a key label, so
 * a message made for another key (another session, a replay, a wrong box) fails to decrypt.
 */
public final class TestCipher implements SessionCipher {
    private final String key;

    public TestCipher(String key) {
        this.key = key;
    }

    @Override
    public String ownPublicKeyHex() {
        return "ab".repeat(32);
    }

    @Override
    public String encrypt(String plaintext) {
        return Base64.getEncoder().encodeToString((key + "|" + plaintext).getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String decrypt(String base64) throws ProtocolException {
        String s;
        try {
            s = new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ProtocolException.Reason.BAD_ENCODING, "ciphertext", "not base64");
        }
        if (!s.startsWith(key + "|")) {
            throw new ProtocolException(ProtocolException.Reason.BAD_SIGNATURE, "ciphertext", "MAC check failed");
        }
        return s.substring(key.length() + 1);
    }
}
