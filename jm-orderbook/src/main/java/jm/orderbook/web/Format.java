package jm.orderbook.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Text for humans: BTC and sats, percentages, dates, HTML escaping. Deterministic (Locale.ROOT, UTC). */
final class Format {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Format() {
    }

    /** {@code 12345678} -> {@code 0.12345678}. */
    static String btc(long sats) {
        return BigDecimal.valueOf(sats).movePointLeft(8).setScale(8, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** {@code 1234567} -> {@code 1,234,567 sats}. */
    static String sats(long sats) {
        return String.format(Locale.ROOT, "%,d sats", sats);
    }

    /** A fraction as a percentage with up to 4 decimals: {@code 0.00002} -> {@code 0.002%}. */
    static String percent(BigDecimal fraction) {
        BigDecimal p = fraction.movePointRight(2).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return (p.signum() == 0 ? "0" : p.toPlainString()) + "%";
    }

    /** A selection share (0..1) as a percentage with one decimal. */
    static String share(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** A bond value (a weight spanning many magnitudes): 3 significant digits times a power of ten, as HTML. */
    static String weight(double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            return "0";
        }
        int exp = (int) Math.floor(Math.log10(v));
        double mantissa = v / Math.pow(10, exp);
        if (mantissa >= 9.995) { // rounds up to 10.0
            mantissa /= 10;
            exp++;
        }
        if (exp < 3) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return String.format(Locale.ROOT, "%.2f&times;10<sup>%d</sup>", mantissa, exp);
    }

    /** BTC without trailing zeros: {@code 2000000} -> {@code 0.02}. */
    static String btcShort(long sats) {
        BigDecimal b = BigDecimal.valueOf(sats).movePointLeft(8).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
    }

    static String date(long unixSeconds) {
        return DATE.format(Instant.ofEpochSecond(unixSeconds));
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    /** Escapes text for HTML element content and double-quoted attributes. */
    static String html(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
