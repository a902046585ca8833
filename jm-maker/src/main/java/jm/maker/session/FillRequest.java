package jm.maker.session;

import java.util.Locale;
import java.util.Objects;

/**
 * The fields of a taker's {@code !fill} that the session keeps.
 *
 * @param oid            offer id
 * @param amount         CoinJoin amount in satoshis
 * @param takerBoxPubHex taker's box public key (64 hex chars)
 * @param commitment     the wire commitment, {@code "P" + 64 hex}; validated by the session table
 */
public record FillRequest(long oid, long amount, String takerBoxPubHex, String commitment) {
    public FillRequest {
        Objects.requireNonNull(takerBoxPubHex, "takerBoxPubHex");
        Objects.requireNonNull(commitment, "commitment");
    }

    /** The commitment without its {@code P}, lowercase, or null if it is not {@code P + 64 hex}. */
    public String commitmentHexOrNull() {
        if (commitment.length() != 65 || commitment.charAt(0) != 'P') {
            return null;
        }
        String hex = commitment.substring(1);
        return isHex(hex) ? hex.toLowerCase(Locale.ROOT) : null;
    }

    static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
