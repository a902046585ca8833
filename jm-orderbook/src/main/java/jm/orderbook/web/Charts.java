package jm.orderbook.web;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jm.core.Nick;
import jm.core.Sats;
import jm.taker.offer.MakerOffer;

/**
 * The page's two charts as inline SVG (no script, no external resource): the depth chart (how
 * many makers can join a CoinJoin of a given amount at or below each fee) and the distribution
 * of offer sizes (maxsize, by decade of BTC).
 */
final class Charts {
    static final int W = 640;
    static final int H = 240;
    private static final int LEFT = 48;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;

    /** Upper bounds (exclusive) of the size buckets, in sats; the last bucket is open-ended. */
    static final long[] SIZE_BOUNDS = {100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L};
    static final String[] SIZE_LABELS = {"< 0.001", "0.001-0.01", "0.01-0.1", "0.1-1", "1-10", "10-100", ">= 100"};

    private Charts() {
    }

    /**
     * Each maker's cheapest fee (sats) for {@code amount} among its offers that accept it
     * (strictly inside minsize..maxsize, the taker's rule), sorted ascending.
     */
    static List<Long> cheapestFees(List<MakerOffer> offers, Sats amount) {
        Map<Nick, Long> best = new HashMap<>();
        for (MakerOffer o : offers) {
            if (o.acceptsAmountStrictly(amount)) {
                best.merge(o.maker(), o.cjFeeSats(amount).value(), Math::min);
            }
        }
        List<Long> fees = new ArrayList<>(best.values());
        fees.sort(null);
        return fees;
    }

    /** Counts of offers per {@link #SIZE_LABELS} bucket, by maxsize. */
    static int[] sizeBuckets(List<MakerOffer> offers) {
        int[] counts = new int[SIZE_LABELS.length];
        for (MakerOffer o : offers) {
            long s = o.maxSize().value();
            int i = 0;
            while (i < SIZE_BOUNDS.length && s >= SIZE_BOUNDS[i]) {
                i++;
            }
            counts[i]++;
        }
        return counts;
    }

    static String depth(List<MakerOffer> offers, Sats amount) {
        List<Long> fees = cheapestFees(offers, amount);
        StringBuilder b = open("depth-chart", "Makers able to join a CoinJoin of " + Format.btcShort(amount.value())
                + " BTC at or below each fee");
        if (fees.isEmpty()) {
            b.append(text(W / 2, H / 2, "middle", "no offer accepts " + Format.btcShort(amount.value()) + " BTC"));
            return b.append("</svg>").toString();
        }
        long maxFee = Math.max(1, fees.get(fees.size() - 1));
        int n = fees.size();
        double plotW = W - LEFT - RIGHT;
        double plotH = H - TOP - BOTTOM;
        StringBuilder path = new StringBuilder();
        double y0 = TOP + plotH;
        path.append(String.format(Locale.ROOT, "M%.1f %.1f", (double) LEFT, y0));
        for (int i = 0; i < n; i++) {
            double x = LEFT + plotW * fees.get(i) / maxFee;
            double yBefore = TOP + plotH * (1 - (double) i / n);
            double yAfter = TOP + plotH * (1 - (double) (i + 1) / n);
            path.append(String.format(Locale.ROOT, " L%.1f %.1f L%.1f %.1f", x, yBefore, x, yAfter));
        }
        path.append(String.format(Locale.ROOT, " L%.1f %.1f", (double) (W - RIGHT), TOP + plotH * 0));
        axes(b);
        b.append("<path class=\"line\" d=\"").append(path).append("\"/>");
        // y: makers; x: fee in sats and as a share of the amount
        b.append(text(LEFT - 6, TOP + 4, "end", Integer.toString(n)));
        b.append(text(LEFT - 6, (int) y0, "end", "0"));
        b.append(text(LEFT, H - BOTTOM + 16, "start", "0"));
        b.append(text(W - RIGHT, H - BOTTOM + 16, "end", String.format(Locale.ROOT, "%,d sats (%s)", maxFee,
                Format.percent(BigDecimal.valueOf(maxFee).divide(BigDecimal.valueOf(amount.value()),
                        MathContext.DECIMAL64)))));
        b.append(text(W / 2, H - 6, "middle", "CoinJoin fee for " + Format.btcShort(amount.value()) + " BTC"));
        b.append(vtext(12, TOP + (int) plotH / 2, "makers"));
        return b.append("</svg>").toString();
    }

    static String sizes(List<MakerOffer> offers) {
        int[] counts = sizeBuckets(offers);
        int max = 1;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        StringBuilder b = open("size-chart", "Offers by maximum size (BTC)");
        axes(b);
        double plotW = W - LEFT - RIGHT;
        double plotH = H - TOP - BOTTOM;
        double slot = plotW / counts.length;
        for (int i = 0; i < counts.length; i++) {
            double h = plotH * counts[i] / max;
            double x = LEFT + slot * i + slot * 0.15;
            b.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s BTC: %d offers"
                            + "</title></rect>", x, TOP + plotH - h, slot * 0.7, h, SIZE_LABELS[i], counts[i]));
            if (counts[i] > 0) {
                b.append(text((int) (x + slot * 0.35), (int) (TOP + plotH - h - 4), "middle",
                        Integer.toString(counts[i])));
            }
            b.append(text((int) (LEFT + slot * i + slot / 2), H - BOTTOM + 16, "middle", SIZE_LABELS[i]));
        }
        b.append(text(W / 2, H - 6, "middle", "maximum size, BTC"));
        b.append(vtext(12, TOP + (int) plotH / 2, "offers"));
        return b.append("</svg>").toString();
    }

    private static StringBuilder open(String id, String title) {
        return new StringBuilder(4096).append("<svg id=\"").append(id).append("\" class=\"chart\" viewBox=\"0 0 ")
                .append(W).append(' ').append(H).append("\" role=\"img\" aria-label=\"").append(Format.html(title))
                .append("\" xmlns=\"http://www.w3.org/2000/svg\"><title>").append(Format.html(title))
                .append("</title>");
    }

    private static void axes(StringBuilder b) {
        b.append(String.format(Locale.ROOT, "<path class=\"axis\" d=\"M%d %d L%d %d L%d %d\"/>", LEFT, TOP, LEFT,
                H - BOTTOM, W - RIGHT, H - BOTTOM));
    }

    private static String text(int x, int y, String anchor, String s) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\">" + Format.html(s) + "</text>";
    }

    private static String vtext(int x, int y, String s) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"middle\" transform=\"rotate(-90 " + x + " " + y
                + ")\">" + Format.html(s) + "</text>";
    }
}
