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
 * One maker offer as the taker sees it in its orderbook: jm-core's {@link Offer} (minsize
 * already raised to the maker-dust floor), the nick of the maker that sent it, and the
 * selection weight its fidelity bond earned (0 when it has none or the bond did not verify).
 * On top of the offer it holds the taker's rules: a fee in [0, 1) for relative offers and
 * non-negative for absolute ones, the strict size rule and the fee a maker nets.
 *
 * @param maker     nick of the maker that sent it
 * @param offer     the offer's fields (type, oid, sizes, txfee, canonical cjfee text)
 * @param bondValue fidelity-bond value used as a selection weight (not money); 0 = no bond
 */
public record MakerOffer(Nick maker, Offer offer, double bondValue) {

    public MakerOffer {
        Objects.requireNonNull(maker, "maker");
        Objects.requireNonNull(offer, "offer");
        BigDecimal fee = offer.cjFeeDecimal();
        if (fee.signum() < 0) {
            throw new IllegalArgumentException("negative cjfee");
        }
        if (offer.type().isRelative() && fee.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("relative cjfee must be below 1");
        }
        if (Double.isNaN(bondValue) || Double.isInfinite(bondValue) || bondValue < 0) {
            throw new IllegalArgumentException("bondValue must be finite and >= 0");
        }
    }

    /**
     * An offer from its parts (trusted input: tests, configuration).
     *
     * @param cjFee integer satoshis (absolute types) or a fraction of the amount (relative types)
     * @throws IllegalArgumentException if the parts do not make a valid offer for the taker
     */
    public MakerOffer(Nick maker, OfferType type, long oid, Sats minSize, Sats maxSize, Sats txFee, BigDecimal cjFee,
            double bondValue) {
        this(maker, offerOf(type, oid, minSize, maxSize, txFee, cjFee), bondValue);
    }

    private static Offer offerOf(OfferType type, long oid, Sats minSize, Sats maxSize, Sats txFee, BigDecimal cjFee) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(cjFee, "cjFee");
        if (type.isRelative()) {
            return Offer.relative(type, oid, minSize, maxSize, txFee, cjFee);
        }
        if (cjFee.signum() < 0 || cjFee.stripTrailingZeros().scale() > 0
                || cjFee.compareTo(BigDecimal.valueOf(Sats.MAX_MONEY)) > 0) {
            throw new IllegalArgumentException("absolute cjfee must be an integer number of sats");
        }
        return Offer.absolute(type, oid, minSize, maxSize, txFee, Sats.of(cjFee.longValueExact()));
    }

    public OfferType type() {
        return offer.type();
    }

    public long oid() {
        return offer.oid();
    }

    public Sats minSize() {
        return offer.minSize();
    }

    public Sats maxSize() {
        return offer.maxSize();
    }

    /** The maker's contribution to the mining fee. */
    public Sats txFee() {
        return offer.txFee();
    }

    /** The fee: integer satoshis (absolute) or a fraction of the amount (relative). */
    public BigDecimal cjFee() {
        return offer.cjFeeDecimal();
    }

    /**
     * The CoinJoin fee this offer charges for {@code amount} (PROTOCOL.md 6.2), by jm-core's
     * single fee rule ({@link Fees}).
     */
    public Sats cjFeeSats(Sats amount) {
        return cjFeeSats(type().isRelative(), cjFee(), amount);
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
        BigDecimal fee = kept.cjFeeDecimal();
        if (fee.signum() < 0 || (kept.type().isRelative() && fee.compareTo(BigDecimal.ONE) >= 0)) {
            throw new ProtocolException(ProtocolException.Reason.OUT_OF_RANGE, "offer.cjfee",
                    "relative fee outside [0, 1)");
        }
        return new MakerOffer(maker, kept, 0);
    }

    /** What the maker actually earns: cjfee minus its txfee contribution (may be negative). */
    public long netFeeSats(Sats amount) {
        return cjFeeSats(amount).value() - txFee().value();
    }

    /** Whether the amount lies strictly inside (minsize, maxsize), the reference taker's rule. */
    public boolean acceptsAmountStrictly(Sats amount) {
        return minSize().compareTo(amount) < 0 && amount.compareTo(maxSize()) < 0;
    }

    /** Whether a P2WPKH (native segwit) taker may fill it: only the {@code sw0*} types. */
    public boolean nativeSegwit() {
        return type() == OfferType.SW0RELOFFER || type() == OfferType.SW0ABSOFFER;
    }

    public boolean hasBond() {
        return bondValue > 0;
    }

    /** A copy carrying a bond weight. */
    public MakerOffer withBondValue(double value) {
        return new MakerOffer(maker, offer, value);
    }
}
