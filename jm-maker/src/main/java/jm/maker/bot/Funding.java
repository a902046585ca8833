package jm.maker.bot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.maker.tx.OwnScripts;
import org.bitcoinj.crypto.ECKey;

/**
 * Inputs and addresses chosen for one CoinJoin at {@code !auth}: coins of one mixdepth (already
 * reserved), a fresh internal address of the next mixdepth for the CoinJoin output and a fresh
 * internal address of the same mixdepth for change (both already recorded as handed out).
 *
 * @param mixdepth      source mixdepth
 * @param inputs        our coins and their values from the wallet
 * @param authKey       key of one of the inputs, signs our box key in {@code !ioauth}
 * @param cjAddress     CoinJoin output address
 * @param changeAddress change address
 * @param scripts       the scriptPubKeys of both addresses
 */
public record Funding(int mixdepth, Map<OutPoint, Sats> inputs, ECKey authKey, String cjAddress, String changeAddress,
                      OwnScripts scripts) {
    public Funding {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no inputs");
        }
        Objects.requireNonNull(authKey);
        Objects.requireNonNull(cjAddress);
        Objects.requireNonNull(changeAddress);
        Objects.requireNonNull(scripts);
    }

    /** Redacted: never prints the key. */
    @Override
    public String toString() {
        return "Funding[mixdepth=" + mixdepth + ", inputs=" + inputs.size() + "]";
    }
}
