package jm.core.offer;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.Sats;

/**
 * A maker's offer (PROTOCOL.md 5.3, 6.1): {@code <ordertype> <oid> <minsize> <maxsize> <txfee> <cjfee>}.
 *
 * @param type    order type; decides whether {@code cjFee} is relative
 * @param oid     offer id, 0 to 2^63-1
 * @param minSize smallest CoinJoin amount
 * @param maxSize largest CoinJoin amount, at least {@code minSize}
 * @param txFee   the maker's contribution to the mining fee
 * @param cjFee   canonical decimal text of the fee, as the reference stores it: an integer
 *                (absolute types, 0..21e14 BTC in sats) or {@code str(Decimal(s))} of a decimal
 *                fraction (relative types, e.g. {@code 0.00002}, {@code 1E-7}; may be negative,
 *                as the reference keeps such offers)
 */
public record Offer(OfferType type, long oid, Sats minSize, Sats maxSize, Sats txFee, String cjFee) {
    /** Most significant digits accepted in a relative fee (NG limit). */
    public static final int MAX_FEE_DIGITS = 32;
    /** Largest magnitude of a relative fee's decimal exponent (NG limit). */
    public static final int MAX_FEE_EXPONENT = 32;
    private static final int MAX_FIELD_CHARS = 64;

    public Offer {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(minSize, "minSize");
        Objects.requireNonNull(maxSize, "maxSize");
        Objects.requireNonNull(txFee, "txFee");
        Objects.requireNonNull(cjFee, "cjFee");
        if (oid < 0) {
            throw new IllegalArgumentException("negative oid");
        }
        if (minSize.compareTo(maxSize) > 0) {
            throw new IllegalArgumentException("minsize " + minSize.value() + " above maxsize " + maxSize.value());
        }
        String canonical;
        try {
            canonical = canonicalFee(type, cjFee);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!canonical.equals(cjFee)) {
            throw new IllegalArgumentException("cjfee not in canonical form: " + cjFee + " (expected " + canonical + ")");
        }
    }

    /** A relative offer from trusted configuration; {@code fee} is stored canonically. */
    public static Offer relative(OfferType type, long oid, Sats minSize, Sats maxSize, Sats txFee, BigDecimal fee) {
        if (!type.isRelative()) {
            throw new IllegalArgumentException(type + " is not relative");
        }
        return new Offer(type, oid, minSize, maxSize, txFee, fee.toString());
    }

    /** An absolute offer from trusted configuration. */
    public static Offer absolute(OfferType type, long oid, Sats minSize, Sats maxSize, Sats txFee, Sats fee) {
        if (type.isRelative()) {
            throw new IllegalArgumentException(type + " is not absolute");
        }
        return new Offer(type, oid, minSize, maxSize, txFee, Long.toString(fee.value()));
    }

    /**
     * Parses the fields after the order type ({@code oid minsize maxsize txfee cjfee}, single
     * spaces, extra trailing fields ignored) with the reference receiver's checks, except the
     * minsize raise (see {@link #asReceivedByTaker()}). Integers are read like Python's
     * {@code int()} (an optional sign and leading zeros are tolerated).
     */
    public static Offer parse(OfferType type, String fields) throws ProtocolException {
        Objects.requireNonNull(type, "type");
        if (fields == null || fields.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, "offer", "no fields");
        }
        String[] f = fields.split(" ", 7);
        if (f.length < 5) {
            throw new ProtocolException(Reason.MISSING_FIELD, "offer", "expected oid minsize maxsize txfee cjfee");
        }
        long oid = pyInt(f[0], "offer.oid", Long.MAX_VALUE);
        long min = pyInt(f[1], "offer.minsize", Sats.MAX_MONEY);
        long max = pyInt(f[2], "offer.maxsize", Sats.MAX_MONEY);
        long txfee = pyInt(f[3], "offer.txfee", Sats.MAX_MONEY);
        if (min > max) {
            throw new ProtocolException(Reason.INVALID, "offer.minsize", "minsize above maxsize");
        }
        String fee = canonicalFee(type, f[4]);
        return new Offer(type, oid, Sats.of(min), Sats.of(max), Sats.of(txfee), fee);
    }

    /**
     * The offer as a reference taker stores it: a minsize below {@link Dust#DUST_THRESHOLD} is
     * raised to it; empty if the raised minsize exceeds maxsize (the offer is discarded).
     */
    public Optional<Offer> asReceivedByTaker() {
        if (minSize.value() >= Dust.DUST_THRESHOLD) {
            return Optional.of(this);
        }
        if (maxSize.value() < Dust.DUST_THRESHOLD) {
            return Optional.empty();
        }
        return Optional.of(new Offer(type, oid, Sats.of(Dust.DUST_THRESHOLD), maxSize, txFee, cjFee));
    }

    /** The fee as a decimal: satoshis for absolute types, a fraction for relative ones. */
    public BigDecimal cjFeeDecimal() {
        return new BigDecimal(cjFee);
    }

    /** Whether the fee is at least zero (relative offers may carry a negative fee). */
    public boolean hasNonNegativeFee() {
        return cjFeeDecimal().signum() >= 0;
    }

    /** The fee as sent: never exponent notation ({@code 1E-7} goes out as {@code 0.0000001}). */
    public String cjFeeWire() {
        return type.isRelative() ? cjFeeDecimal().toPlainString() : cjFee;
    }

    /** The fields after the order type: {@code oid minsize maxsize txfee cjfee}. */
    public String toWireFields() {
        return oid + " " + minSize.value() + " " + maxSize.value() + " " + txFee.value() + " " + cjFeeWire();
    }

    /** {@code <ordertype> <fields>}, without a leading {@code !}. */
    public String toWire() {
        return type.wireName() + " " + toWireFields();
    }

    /**
     * The canonical stored text of a fee field: absolute types must be an integer in
     * 0..{@link Sats#MAX_MONEY}; relative types any plain or exponent decimal within
     * {@link #MAX_FEE_DIGITS} digits and exponent magnitude {@link #MAX_FEE_EXPONENT}.
     */
    public static String canonicalFee(OfferType type, String s) throws ProtocolException {
        if (s == null || s.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, "offer.cjfee", "missing");
        }
        if (!type.isRelative()) {
            return Long.toString(pyInt(s, "offer.cjfee", Sats.MAX_MONEY));
        }
        if (s.length() > MAX_FIELD_CHARS) {
            throw new ProtocolException(Reason.OVERSIZED, "offer.cjfee", "longer than " + MAX_FIELD_CHARS + " chars");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                throw new ProtocolException(Reason.BAD_ENCODING, "offer.cjfee", "not a decimal number");
            }
        }
        BigDecimal d;
        try {
            d = new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new ProtocolException(Reason.BAD_ENCODING, "offer.cjfee", "not a decimal number");
        }
        if (d.precision() > MAX_FEE_DIGITS) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, "offer.cjfee", "more than " + MAX_FEE_DIGITS + " significant digits");
        }
        long adjusted = (long) d.precision() - d.scale() - 1;
        if (adjusted > MAX_FEE_EXPONENT || adjusted < -MAX_FEE_EXPONENT - MAX_FEE_DIGITS) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, "offer.cjfee", "exponent out of range");
        }
        if (d.signum() == 0 && s.charAt(0) == '-') {
            return "-" + d.toString(); // Python keeps the sign of a negative zero: str(Decimal("-0.0")) == "-0.0"
        }
        return d.toString();
    }

    /**
     * Reads a decimal integer as Python's {@code int()} does for ASCII input (optional sign,
     * leading zeros), then requires {@code 0 <= value <= max}.
     */
    static long pyInt(String s, String field, long max) throws ProtocolException {
        if (s.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, field, "empty");
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        if (i == s.length()) {
            throw new ProtocolException(Reason.BAD_ENCODING, field, "not an integer");
        }
        for (int j = i; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c < '0' || c > '9') {
                throw new ProtocolException(Reason.BAD_ENCODING, field, "not an integer");
            }
        }
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        String digits = s.substring(i);
        if (negative && !digits.equals("0")) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, field, "negative");
        }
        if (digits.length() > 19) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, field, "too large");
        }
        long v;
        try {
            v = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, field, "too large");
        }
        if (v > max) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, field, "above " + max);
        }
        return v;
    }
}
