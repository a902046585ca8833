package jm.maker.bot;

import java.time.Duration;
import java.util.Objects;
import jm.maker.offer.OfferConfig;

/**
 * The maker's protocol settings (NG key names in brackets).
 *
 * @param offers              offer construction
 * @param takerUtxoAge        confirmations the taker's commitment UTXO needs [taker_utxo_age]
 * @param takerUtxoAmtPercent its minimum value in % of the amount [taker_utxo_amtpercent]
 * @param takerUtxoRetries    NUMS indices accepted, 0..n-1 [taker_utxo_retries]
 * @param sessionTimeout      CoinJoin session timeout (300 s)
 * @param reservationTtl      how long selected inputs stay reserved (covers the push window)
 * @param reannounceDelayMax  offers changed -> re-announced after a random delay up to this (NG 600 s)
 * @param network             network name for the history file
 * @param acceptCommitmentBroadcasts blacklist commitments from PUBMSG {@code !hp2} [accept_commitment_broadcasts]
 */
public record MakerSettings(OfferConfig offers, int takerUtxoAge, int takerUtxoAmtPercent, int takerUtxoRetries,
                            Duration sessionTimeout, Duration reservationTtl, Duration reannounceDelayMax,
                            String network, boolean acceptCommitmentBroadcasts) {

    public MakerSettings {
        Objects.requireNonNull(offers, "offers");
        if (takerUtxoAge < 0) {
            throw new IllegalArgumentException("taker_utxo_age must be >= 0");
        }
        if (takerUtxoAmtPercent < 0 || takerUtxoAmtPercent > 100) {
            throw new IllegalArgumentException("taker_utxo_amtpercent must be in 0..100");
        }
        if (takerUtxoRetries < 1 || takerUtxoRetries > 256) {
            throw new IllegalArgumentException("taker_utxo_retries must be in 1..256");
        }
        Objects.requireNonNull(sessionTimeout);
        Objects.requireNonNull(reservationTtl);
        Objects.requireNonNull(reannounceDelayMax);
        Objects.requireNonNull(network);
    }

    /** NG/reference defaults. */
    public static MakerSettings defaults(String network) {
        return new MakerSettings(OfferConfig.defaults(), 5, 20, 3, Duration.ofSeconds(300), Duration.ofMinutes(65),
                Duration.ofSeconds(600), network, true);
    }

    public MakerSettings withOffers(OfferConfig o) {
        return new MakerSettings(o, takerUtxoAge, takerUtxoAmtPercent, takerUtxoRetries, sessionTimeout,
                reservationTtl, reannounceDelayMax, network, acceptCommitmentBroadcasts);
    }

    public MakerSettings withReannounceDelayMax(Duration d) {
        return new MakerSettings(offers, takerUtxoAge, takerUtxoAmtPercent, takerUtxoRetries, sessionTimeout,
                reservationTtl, d, network, acceptCommitmentBroadcasts);
    }

    public MakerSettings withTakerUtxo(int age, int amtPercent, int retries) {
        return new MakerSettings(offers, age, amtPercent, retries, sessionTimeout, reservationTtl, reannounceDelayMax,
                network, acceptCommitmentBroadcasts);
    }
}
