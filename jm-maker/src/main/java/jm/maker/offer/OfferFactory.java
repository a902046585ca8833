package jm.maker.offer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import jm.core.Sats;
import jm.core.offer.Dust;
import jm.core.offer.Fees;
import jm.core.offer.Offer;
import jm.core.offer.OfferType;

/**
 * Builds our offers from the spendable balance of each mixdepth (fidelity-bond coins excluded by
 * the caller).
 *
 * <p>Sizes (NG rule, PROTOCOL.md 6.3): {@code maxsize} is the largest amount A such that
 * {@code A + txfee + 27,300 + 1 - cjfee_sats(A) <= balance} of the richest mixdepth, so a fill of
 * any advertised amount leaves change of at least 27,301 sats. {@code minsize} is the configured
 * one, raised to at least the maker dust threshold and, for relative offers, to
 * {@code ceil(1.5 * txfee / cjfee_r)} (reference) so that a fill always earns more than it costs.
 *
 * <p>Dual offers split the size range at the fee intersection {@code A* = ceil(cjfee_a / cjfee_r)}:
 * the absolute offer covers {@code [minsize, A*-1]} and the relative one {@code [A*, maxsize]},
 * so at every size we charge the larger of the two fees.
 *
 * <p>Randomisation (reference "privacy-enhanced" factors), off by default: fee and tx fee drawn
 * uniformly within {@code +-factor}, maxsize lowered by up to {@code size_factor}, minsize raised
 * by up to {@code size_factor}; always re-checked against the rules above.
 */
public final class OfferFactory {
    /** Maker change minimum plus one: change must be strictly above the dust threshold. */
    public static final long CHANGE_RESERVE = Dust.DUST_THRESHOLD + 1;

    private OfferFactory() {
    }

    /**
     * @param balances spendable sats per mixdepth (bond coins excluded)
     * @param random   used only when a randomisation factor is on
     * @return our offers with oids 0, 1, ...; empty if no mixdepth can fund {@code minsize}
     */
    public static List<Offer> build(Map<Integer, Sats> balances, OfferConfig config, RandomGenerator random) {
        long best = 0;
        for (Sats s : balances.values()) {
            best = Math.max(best, s.value());
        }
        long txFee = randomise(config.txFee(), config.txFeeFactor(), random);
        BigDecimal rel = randomise(config.cjFeeRel(), config.cjFeeFactor(), random);
        long abs = randomise(config.cjFeeAbs(), config.cjFeeFactor(), random);
        List<Offer> offers = new ArrayList<>();
        if (!config.dualOffers()) {
            boolean relative = config.orderType().isRelative();
            long min = minSize(config.minSize(), relative, rel, txFee);
            long max = relative ? maxSizeRelative(best, txFee, rel) : maxSizeAbsolute(best, txFee, abs);
            long[] sizes = randomiseSizes(min, max, config.sizeFactor(), random);
            if (sizes != null) {
                offers.add(relative
                        ? Offer.relative(OfferType.SW0RELOFFER, 0, Sats.of(sizes[0]), Sats.of(sizes[1]), Sats.of(txFee), rel)
                        : Offer.absolute(OfferType.SW0ABSOFFER, 0, Sats.of(sizes[0]), Sats.of(sizes[1]), Sats.of(txFee),
                                Sats.of(abs)));
            }
            return offers;
        }
        // dual: absolute below the intersection, relative from it
        long minAbs = minSize(config.minSize(), false, rel, txFee);
        long maxAbs = maxSizeAbsolute(best, txFee, abs);
        long maxRel = maxSizeRelative(best, txFee, rel);
        long intersection = rel.signum() == 0 ? Long.MAX_VALUE
                : new BigDecimal(abs).divide(rel, 0, RoundingMode.CEILING).min(BigDecimal.valueOf(Sats.MAX_MONEY)).longValueExact();
        long absHi = Math.min(maxAbs, intersection - 1);
        long relLo = Math.max(minSize(config.minSize(), true, rel, txFee), intersection);
        long oid = 0;
        long[] absSizes = randomiseSizes(minAbs, absHi, config.sizeFactor(), random);
        if (absSizes != null) {
            offers.add(Offer.absolute(OfferType.SW0ABSOFFER, oid++, Sats.of(absSizes[0]), Sats.of(absSizes[1]),
                    Sats.of(txFee), Sats.of(abs)));
        }
        long[] relSizes = randomiseSizes(relLo, maxRel, config.sizeFactor(), random);
        if (relSizes != null) {
            offers.add(Offer.relative(OfferType.SW0RELOFFER, oid, Sats.of(relSizes[0]), Sats.of(relSizes[1]),
                    Sats.of(txFee), rel));
        }
        return offers;
    }

    /**
     * Largest A with {@code A + txfee + 27,301 - round_half_even(rel * A) <= balance}; -1 if none.
     * {@code A - fee(A)} never decreases as A grows (rel < 1), so a binary search finds it.
     */
    public static long maxSizeRelative(long balance, long txFee, BigDecimal rel) {
        long limit = balance - txFee - CHANGE_RESERVE;
        if (limit < 0) {
            return -1;
        }
        long lo = 0;
        long hi = Sats.MAX_MONEY;
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            if (mid - Fees.relativeFee(rel, mid) <= limit) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Largest A with {@code A + txfee + 27,301 - abs <= balance}; -1 if none. */
    public static long maxSizeAbsolute(long balance, long txFee, long abs) {
        long limit = balance - txFee - CHANGE_RESERVE;
        if (limit < 0) {
            return -1;
        }
        return Math.min(Sats.MAX_MONEY, limit + abs);
    }

    static long minSize(long configured, boolean relative, BigDecimal rel, long txFee) {
        long min = Math.max(configured, Dust.DUST_THRESHOLD);
        if (relative && txFee > 0 && rel.signum() > 0) {
            long breakEven = new BigDecimal(txFee).multiply(new BigDecimal("1.5"))
                    .divide(rel, 0, RoundingMode.CEILING).min(BigDecimal.valueOf(Sats.MAX_MONEY)).longValueExact();
            min = Math.max(min, breakEven);
        }
        return min;
    }

    private static long[] randomiseSizes(long min, long max, BigDecimal factor, RandomGenerator random) {
        if (max < 0 || min > max) {
            return null;
        }
        if (factor.signum() == 0) {
            return new long[] {min, max};
        }
        long span = max - min;
        long maxCut = new BigDecimal(max).multiply(factor).multiply(fraction(random)).longValue();
        long minRaise = new BigDecimal(min).multiply(factor).multiply(fraction(random)).longValue();
        long newMax = max - Math.min(maxCut, span);
        long newMin = Math.min(min + minRaise, newMax);
        return new long[] {newMin, newMax};
    }

    private static long randomise(long value, BigDecimal factor, RandomGenerator random) {
        if (factor.signum() == 0 || value == 0) {
            return value;
        }
        BigDecimal scale = BigDecimal.ONE.add(factor.multiply(signedFraction(random)));
        return new BigDecimal(value).multiply(scale).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static BigDecimal randomise(BigDecimal value, BigDecimal factor, RandomGenerator random) {
        if (factor.signum() == 0 || value.signum() == 0) {
            return value;
        }
        BigDecimal scale = BigDecimal.ONE.add(factor.multiply(signedFraction(random)));
        // six decimals, as reference privacy-enhanced makers print
        BigDecimal r = value.multiply(scale).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (r.scale() < 0) {
            r = r.setScale(0);
        }
        return r.signum() <= 0 ? value : r;
    }

    /** Uniform in [0, 1) with 1e-6 resolution, as a decimal. */
    private static BigDecimal fraction(RandomGenerator random) {
        return BigDecimal.valueOf(random.nextInt(1_000_000), 6);
    }

    /** Uniform in [-1, 1) with 1e-6 resolution. */
    private static BigDecimal signedFraction(RandomGenerator random) {
        return BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000L, 6);
    }
}
