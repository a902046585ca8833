package jm.taker.offer;

import java.math.BigDecimal;
import java.util.Objects;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.Sats;
import jm.core.offer.Fees;
import jm.core.offer.Offer;
import jm.core.offer.OfferType;

/**
 * One maker offer as the taker sees it in its orderbook: the maker's nick, the offer's
 * fields, and the selection weight its fidelity bond earned (0 when it has none or the bond
 * did not verify).
 *
 * @param maker     nick of the maker that sent it
 * @param type      offer type (wire name decides relative/absolute and the wallet type)
 * @param oid       offer id, 0 .. 2^63-1
 * @param minSize   minimum CoinJoin amount, already raised to the maker-dust floor
 * @param maxSize   maximum CoinJoin amount
 * @param txFee     the maker's contribution to the mining fee
 * @param cjFee     fee: integer satoshis (absolute) or a fraction of the amount (relative)
 * @param bondValue fidelity-bond value used as a selection weight (not money); 0 = no bond
 */
public record MakerOffer(Nick maker, OfferType type, long oid, Sats minSize, Sats maxSize, Sats txFee,
        BigDecimal cjFee, double bondValue) {

    public MakerOffer {
        Objects.requireNonNull(maker, "maker");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(minSize, "minSize");
        Objects.requireNonNull(maxSize, "maxSize");
        Objects.requireNonNull(txFee, "txFee");
        Objects.requireNonNull(cjFee, "cjFee");
        if (oid < 0) {
            throw new IllegalArgumentException("oid negative");
        }
        if (minSize.compareTo(maxSize) > 0) {
            throw new IllegalArgumentException("minSize above maxSize");
        }
        if (cjFee.signum() < 0) {
            throw new IllegalArgumentException("negative cjfee");
        }
        if (type.isRelative() && cjFee.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("relative cjfee must be below 1");
        }
        if (!type.isRelative() && (cjFee.stripTrailingZeros().scale() > 0
                || cjFee.compareTo(BigDecimal.valueOf(Sats.MAX_MONEY)) > 0)) {
            throw new IllegalArgumentException("absolute cjfee must be an integer number of sats");
        }
        if (Double.isNaN(bondValue) || Double.isInfinite(bondValue) || bondValue < 0) {
            throw new IllegalArgumentException("bondValue must be finite and >= 0");
        }
    }

    /**
     * The CoinJoin fee this offer charges for {@code amount} (PROTOCOL.md 6.2), by jm-core's
     * single fee rule ({@link Fees}).
     */
    public Sats cjFeeSats(Sats amount) {
        return cjFeeSats(type.isRelative(), cjFee, amount);
    }

    /** The fee rule of PROTOCOL.md 6.2 on its own (also used by the sweep solver). */
    public static Sats cjFeeSats(boolean relative, BigDecimal cjFee, Sats amount) {
        if (!relative) {
            return Sats.of(cjFee.longValueExact());
        }
        return Sats.of(Fees.relativeFee(cjFee, amount.value()));
    }

    /**
     * The taker's view of a parsed offer: minsize raised to the maker-dust floor (PROTOCOL.md
     * 6.1 step 2), then the taker's sanity limits (relative fee in [0, 1)).
     *
     * @throws ProtocolException if a reference taker would discard it, or the fee is absurd
     */
    public static MakerOffer from(Nick maker, Offer offer) throws ProtocolException {
        Offer kept = offer.asReceivedByTaker().orElseThrow(() -> new ProtocolException(
                ProtocolException.Reason.INVALID, "offer.maxsize", "below the maker change minimum"));
        OfferType kind = kept.type();
        BigDecimal fee = kept.cjFeeDecimal();
        if (fee.signum() < 0 || (kind.isRelative() && fee.compareTo(BigDecimal.ONE) >= 0)) {
            throw new ProtocolException(ProtocolException.Reason.OUT_OF_RANGE, "offer.cjfee",
                    "relative fee outside [0, 1)");
        }
        return new MakerOffer(maker, kind, kept.oid(), kept.minSize(), kept.maxSize(), kept.txFee(), fee, 0);
    }

    /** What the maker actually earns: cjfee minus its txfee contribution (may be negative). */
    public long netFeeSats(Sats amount) {
        return cjFeeSats(amount).value() - txFee.value();
    }

    /** Whether the amount lies strictly inside (minsize, maxsize), the reference taker's rule. */
    public boolean acceptsAmountStrictly(Sats amount) {
        return minSize.compareTo(amount) < 0 && amount.compareTo(maxSize) < 0;
    }

    /** Whether a P2WPKH (native segwit) taker may fill it: only the {@code sw0*} types. */
    public boolean nativeSegwit() {
        return type == OfferType.SW0RELOFFER || type == OfferType.SW0ABSOFFER;
    }

    public boolean hasBond() {
        return bondValue > 0;
    }

    /** A copy carrying a bond weight. */
    public MakerOffer withBondValue(double value) {
        return new MakerOffer(maker, type, oid, minSize, maxSize, txFee, cjFee, value);
    }
}
