package jm.taker.selection;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import jm.core.Sats;
import jm.taker.offer.MakerOffer;

/**
 * The user's ceiling on what one maker may charge ({@code max_cj_fee_abs},
 * {@code max_cj_fee_rel}).
 *
 * @param maxAbs absolute limit in sats
 * @param maxRel relative limit (fraction of the amount), 0 <= maxRel < 1
 * @param rule   how the two limits combine
 */
public record FeeLimits(Sats maxAbs, BigDecimal maxRel, Rule rule) {

    /** NG defaults: 500 sats, 0.001, checked per offer type. */
    public static final FeeLimits NG_DEFAULTS = new FeeLimits(Sats.of(500), new BigDecimal("0.001"), Rule.PER_OFFER_TYPE);

    /** How the limits are applied. */
    public enum Rule {
        /** NG: absolute offers against maxAbs (their cjfee), relative offers against maxRel (their rate). */
        PER_OFFER_TYPE,
        /** Reference: an offer is rejected only if its net fee exceeds both maxAbs and maxRel x amount. */
        BOTH_EXCEEDED
    }

    public FeeLimits {
        Objects.requireNonNull(maxAbs, "maxAbs");
        Objects.requireNonNull(maxRel, "maxRel");
        Objects.requireNonNull(rule, "rule");
        if (maxRel.signum() < 0 || maxRel.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("max_cj_fee_rel must be in [0, 1): " + maxRel);
        }
    }

    /** Whether the offer's fee for {@code amount} is within the limits. */
    public boolean allows(MakerOffer offer, Sats amount) {
        switch (rule) {
            case PER_OFFER_TYPE:
                if (offer.type().isRelative()) {
                    return offer.cjFee().compareTo(maxRel) <= 0;
                }
                return offer.cjFeeSats(amount).compareTo(maxAbs) <= 0;
            case BOTH_EXCEEDED:
            default:
                long net = offer.netFeeSats(amount);
                long relLimit = maxRel.multiply(BigDecimal.valueOf(amount.value()))
                        .setScale(0, RoundingMode.FLOOR).longValueExact();
                return net <= maxAbs.value() || net <= relLimit;
        }
    }
}
