package jm.taker.verify;

import java.util.List;
import java.util.Objects;
import jm.core.OutPoint;

/**
 * What a maker declared in its decrypted {@code !ioauth} (PROTOCOL.md 5.7), not yet verified.
 *
 * @param utxos         the inputs it will contribute, in the order sent
 * @param authPubHex    compressed public key of one of them (66 hex chars, as sent)
 * @param cjAddress     where its CoinJoin output goes
 * @param changeAddress where its change goes
 * @param btcSigBase64  Bitcoin-message signature by authPub over the maker's box public key hex
 */
public record IoAuthClaim(List<OutPoint> utxos, String authPubHex, String cjAddress, String changeAddress,
        String btcSigBase64) {
    public IoAuthClaim {
        utxos = List.copyOf(utxos);
        Objects.requireNonNull(authPubHex, "authPubHex");
        Objects.requireNonNull(cjAddress, "cjAddress");
        Objects.requireNonNull(changeAddress, "changeAddress");
        Objects.requireNonNull(btcSigBase64, "btcSigBase64");
    }
}
