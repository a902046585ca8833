package jm.taker.offer;

import java.math.BigDecimal;
import java.math.BigInteger;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.Sats;

/**
 * Turns the text of one offer ({@code <type> <oid> <minsize> <maxsize> <txfee> <cjfee>}) from
 * a maker into a {@link MakerOffer}, applying the receiver checks of PROTOCOL.md 6.1 in the
 * reference order, plus the taker's sanity limits (relative fee in [0, 1)). Never throws an
 * unchecked exception on any input.
 */
public final class OfferParser {
    /** Makers' change minimum; offers with a smaller minsize are raised to it (6.1 step 2). */
    public static final long MIN_SIZE_FLOOR = 27_300;
    private static final int MAX_DECIMAL_CHARS = 64;

    private OfferParser() {
    }

    /**
     * @param maker  the (verified) sender
     * @param type   offer command name without '!'
     * @param fields the text after the command name (oid minsize maxsize txfee cjfee [extra...])
     */
    public static MakerOffer parse(Nick maker, String type, String fields) throws ProtocolException {
        OfferKind kind = OfferKind.fromWireName(type == null ? "" : type)
                .orElseThrow(() -> new ProtocolException(Reason.UNKNOWN, "offer.type", "unknown offer type"));
        if (fields == null) {
            throw new ProtocolException(Reason.MISSING_FIELD, "offer", "no fields");
        }
        String[] f = fields.trim().split(" +");
        if (f.length < 5) {
            throw new ProtocolException(Reason.MALFORMED, "offer", "expected 5 fields, got " + f.length);
        }
        long oid = parseUnsigned(f[0], "offer.oid", Long.MAX_VALUE);
        long min = parseUnsigned(f[1], "offer.minsize", Sats.MAX_MONEY);
        min = Math.max(min, MIN_SIZE_FLOOR);
        long max = parseUnsigned(f[2], "offer.maxsize", Sats.MAX_MONEY);
        long txFee = parseUnsigned(f[3], "offer.txfee", Sats.MAX_MONEY);
        if (min > max) {
            throw new ProtocolException(Reason.INVALID, "offer.maxsize", "below minsize");
        }
        BigDecimal cjFee;
        if (kind.relative()) {
            cjFee = parseDecimal(f[4]);
            if (cjFee.signum() < 0 || cjFee.compareTo(BigDecimal.ONE) >= 0) {
                throw new ProtocolException(Reason.OUT_OF_RANGE, "offer.cjfee", "relative fee outside [0, 1)");
            }
        } else {
            cjFee = BigDecimal.valueOf(parseUnsigned(f[4], "offer.cjfee", Sats.MAX_MONEY));
        }
        return new MakerOffer(maker, kind, oid, Sats.of(min), Sats.of(max), Sats.of(txFee), cjFee, 0);
    }

    static long parseUnsigned(String s, String field, long max) throws ProtocolException {
        if (s.isEmpty() || s.length() > 19) {
            throw new ProtocolException(Reason.MALFORMED, field, "bad integer length");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new ProtocolException(Reason.BAD_ENCODING, field, "not a decimal integer");
            }
        }
        BigInteger v = new BigInteger(s);
        if (v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, field, "above " + max);
        }
        return v.longValueExact();
    }

    static BigDecimal parseDecimal(String s) throws ProtocolException {
        if (s.isEmpty() || s.length() > MAX_DECIMAL_CHARS) {
            throw new ProtocolException(Reason.MALFORMED, "offer.cjfee", "bad decimal length");
        }
        BigDecimal d;
        try {
            d = new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new ProtocolException(Reason.BAD_ENCODING, "offer.cjfee", "not a decimal");
        }
        if (d.precision() > 32 || d.scale() > 64 || d.scale() < -32) {
            throw new ProtocolException(Reason.OUT_OF_RANGE, "offer.cjfee", "too many digits");
        }
        return d;
    }
}
