package jm.core.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jm.core.Nick;
import org.bitcoinj.base.Base58;

/** Nick derivation from a nick public key and the binding check (PROTOCOL.md 3.2, 3.4). */
public final class NickKeys {
    public static final int NICK_HASH_LENGTH = 10;
    public static final int NICK_MAX_ENCODED = 14;
    public static final int PROTOCOL_VERSION = 5;

    private NickKeys() {
    }

    /** Nick for a lowercase-hex compressed public key, hashing the hex TEXT as the reference does. */
    public static Nick nickFromPubKeyHex(String pubKeyHex) {
        return new Nick("J" + PROTOCOL_VERSION + encodedPart(pubKeyHex));
    }

    /** Base58 of the first 10 bytes of SHA-256 of the ASCII hex, right-padded with 'O' to 14. */
    public static String encodedPart(String pubKeyHex) {
        byte[] h = Hashes.sha256(pubKeyHex.getBytes(StandardCharsets.US_ASCII));
        String enc = Base58.encode(Arrays.copyOf(h, NICK_HASH_LENGTH));
        StringBuilder sb = new StringBuilder(enc);
        while (sb.length() < NICK_MAX_ENCODED) {
            sb.append('O');
        }
        return sb.toString();
    }

    /**
     * Whether {@code nick} is the nick of {@code pubKeyHex}: full equality of the reconstructed
     * nick, using the version digit found in the nick (as NG does).
     */
    public static boolean matches(Nick nick, String pubKeyHex) {
        String v = nick.value();
        return v.substring(2).equals(encodedPart(pubKeyHex)) && v.charAt(0) == 'J';
    }
}
