package jm.maker.bot;

import jm.core.Sats;
import jm.core.offer.Offer;
import jm.core.podle.PodleRevelation;

/** What {@link AuthCheck} says about a taker's {@code !auth}. */
sealed interface AuthVerdict {
    /** The taker's commitment, its UTXO and the terms check out: go on to fund the CoinJoin. */
    record Verified(PodleRevelation revelation, Offer offer, Sats amount, Sats cjFee, Sats txFee)
            implements AuthVerdict {
    }

    /**
     * Refused, with the text sent to the taker as {@code !error}.
     *
     * @param reason printable, without {@code !}
     */
    record Refused(String reason) implements AuthVerdict {
    }
}
