package jm.maker.offer;

import java.math.BigDecimal;
import java.util.Objects;
import jm.core.offer.OfferType;

/**
 * What the operator configured for offers (NG key names in brackets).
 *
 * @param orderType   {@code sw0reloffer} or {@code sw0absoffer} [ordertype]
 * @param cjFeeRel    relative fee, 0 <= r < 1 [cjfee_r]
 * @param cjFeeAbs    absolute fee in sats [cjfee_a]
 * @param txFee       our contribution to the mining fee, sats [txfee_contribution]
 * @param minSize     smallest CoinJoin amount we accept [minsize]
 * @param dualOffers  announce a relative and an absolute offer split at the fee intersection
 * @param cjFeeFactor     randomisation of the fee, +-fraction (0 = off) [cjfee_factor]
 * @param txFeeFactor     randomisation of the tx fee contribution, +-fraction (0 = off) [txfee_contribution_factor]
 * @param sizeFactor      randomisation of the sizes, fraction (0 = off) [size_factor]
 */
public record OfferConfig(OfferType orderType, BigDecimal cjFeeRel, long cjFeeAbs, long txFee, long minSize,
                          boolean dualOffers, BigDecimal cjFeeFactor, BigDecimal txFeeFactor, BigDecimal sizeFactor) {

    /** NG defaults: sw0reloffer 0.00002, abs 500, txfee 0, minsize 100,000, no randomisation. */
    public static OfferConfig defaults() {
        return new OfferConfig(OfferType.SW0RELOFFER, new BigDecimal("0.00002"), 500, 0, 100_000, false,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    public OfferConfig {
        Objects.requireNonNull(orderType, "ordertype");
        if (orderType != OfferType.SW0RELOFFER && orderType != OfferType.SW0ABSOFFER) {
            throw new IllegalArgumentException("ordertype must be sw0reloffer or sw0absoffer, not " + orderType.wireName());
        }
        Objects.requireNonNull(cjFeeRel, "cjfee_r");
        if (cjFeeRel.signum() < 0 || cjFeeRel.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("cjfee_r must be in [0, 1): " + cjFeeRel.toPlainString());
        }
        if (cjFeeAbs < 0) {
            throw new IllegalArgumentException("cjfee_a must be >= 0: " + cjFeeAbs);
        }
        if (txFee < 0) {
            throw new IllegalArgumentException("txfee_contribution must be >= 0: " + txFee);
        }
        if (minSize < 0) {
            throw new IllegalArgumentException("minsize must be >= 0: " + minSize);
        }
        cjFeeFactor = factor(cjFeeFactor, "cjfee_factor");
        txFeeFactor = factor(txFeeFactor, "txfee_contribution_factor");
        sizeFactor = factor(sizeFactor, "size_factor");
    }

    public OfferConfig withOrderType(OfferType t) {
        return new OfferConfig(t, cjFeeRel, cjFeeAbs, txFee, minSize, dualOffers, cjFeeFactor, txFeeFactor, sizeFactor);
    }

    public OfferConfig withDualOffers(boolean dual) {
        return new OfferConfig(orderType, cjFeeRel, cjFeeAbs, txFee, minSize, dual, cjFeeFactor, txFeeFactor, sizeFactor);
    }

    public OfferConfig withFees(BigDecimal rel, long abs, long tx) {
        return new OfferConfig(orderType, rel, abs, tx, minSize, dualOffers, cjFeeFactor, txFeeFactor, sizeFactor);
    }

    public OfferConfig withMinSize(long min) {
        return new OfferConfig(orderType, cjFeeRel, cjFeeAbs, txFee, min, dualOffers, cjFeeFactor, txFeeFactor, sizeFactor);
    }

    public OfferConfig withRandomisation(BigDecimal cjFee, BigDecimal tx, BigDecimal size) {
        return new OfferConfig(orderType, cjFeeRel, cjFeeAbs, txFee, minSize, dualOffers, cjFee, tx, size);
    }

    /** Whether any randomisation factor is on. */
    public boolean randomised() {
        return cjFeeFactor.signum() > 0 || txFeeFactor.signum() > 0 || sizeFactor.signum() > 0;
    }

    private static BigDecimal factor(BigDecimal f, String key) {
        BigDecimal v = f == null ? BigDecimal.ZERO : f;
        if (v.signum() < 0 || v.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException(key + " must be in [0, 1): " + v.toPlainString());
        }
        return v;
    }
}
