package jm.orderbook.web;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import jm.core.Sats;

/**
 * The page's query string: sort column and order, the CoinJoin amount fees are shown for, and an
 * optional directory filter. Anything unknown or malformed falls back to the default (a page
 * link must never fail). Lets the table sort without JavaScript.
 *
 * @param sort       the column to sort by
 * @param descending descending order
 * @param amount     the amount for the "fee for" column and the depth chart
 * @param directory  only offers of makers seen on this directory
 */
record PageQuery(Column sort, boolean descending, Optional<Sats> amount, Optional<String> directory) {
    /** Candidate default amounts (1-2-5 series, 0.001 to 50 BTC). */
    static final long[] ROUND_AMOUNTS = {100_000L, 200_000L, 500_000L, 1_000_000L, 2_000_000L, 5_000_000L,
        10_000_000L, 20_000_000L, 50_000_000L, 100_000_000L, 200_000_000L, 500_000_000L, 1_000_000_000L,
        2_000_000_000L, 5_000_000_000L};
    static final Sats FALLBACK_AMOUNT = Sats.of(10_000_000);
    /** Longest query string read; longer ones are ignored. */
    static final int MAX_QUERY = 2_000;

    /** The offers table's columns: URL name, header, numeric or text. */
    enum Column {
        TYPE("type", "Type", false),
        MAKER("maker", "Maker", false),
        OID("oid", "Offer", true),
        FEE("fee", "Fee", true),
        FEE_AT("cost", "Fee for amount", true),
        TXFEE("txfee", "Tx fee share", true),
        MINSIZE("minsize", "Min size (BTC)", true),
        MAXSIZE("maxsize", "Max size (BTC)", true),
        BOND("bond", "Bond value", true),
        DIRECTORIES("dirs", "Directories", true);

        final String param;
        final String header;
        final boolean numeric;

        Column(String param, String header, boolean numeric) {
            this.param = param;
            this.header = header;
            this.numeric = numeric;
        }

        static Optional<Column> of(String param) {
            for (Column c : values()) {
                if (c.param.equals(param)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }

    static PageQuery defaults() {
        return new PageQuery(Column.FEE_AT, false, Optional.empty(), Optional.empty());
    }

    static PageQuery parse(String rawQuery) {
        PageQuery d = defaults();
        if (rawQuery == null || rawQuery.isEmpty() || rawQuery.length() > MAX_QUERY) {
            return d;
        }
        Map<String, String> q = new HashMap<>();
        for (String pair : rawQuery.split("&", 16)) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    q.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // malformed escape: ignore this pair
                }
            }
        }
        Column sort = Optional.ofNullable(q.get("sort")).flatMap(Column::of).orElse(d.sort());
        boolean desc = "desc".equals(q.get("order"));
        Optional<Sats> amount = parseAmount(q.get("amount"));
        Optional<String> dir = Optional.ofNullable(q.get("directory")).filter(s -> !s.isBlank() && s.length() < 300);
        return new PageQuery(sort, desc, amount, dir);
    }

    /** An amount in BTC ({@code 0.1}) or sats ({@code 10000000}); positive, at most 21M BTC. */
    static Optional<Sats> parseAmount(String s) {
        if (s == null || s.isBlank() || s.length() > 30) {
            return Optional.empty();
        }
        try {
            java.math.BigDecimal v = new java.math.BigDecimal(s.trim());
            long sats = s.contains(".") ? v.movePointRight(8).longValueExact() : v.longValueExact();
            return sats > 0 && sats <= Sats.MAX_MONEY ? Optional.of(Sats.of(sats)) : Optional.empty();
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * The amount fees are shown for: the one asked for, else the largest round amount (1-2-5
     * series) that at least half of the makers accept, else {@link #FALLBACK_AMOUNT}.
     */
    Sats amountFor(java.util.List<jm.taker.offer.MakerOffer> offers) {
        if (amount.isPresent()) {
            return amount.get();
        }
        long makers = offers.stream().map(jm.taker.offer.MakerOffer::maker).distinct().count();
        Sats best = FALLBACK_AMOUNT;
        for (long a : ROUND_AMOUNTS) {
            Sats s = Sats.of(a);
            long accepting = offers.stream().filter(o -> o.acceptsAmountStrictly(s))
                    .map(jm.taker.offer.MakerOffer::maker).distinct().count();
            if (makers > 0 && accepting * 2 >= makers) {
                best = s;
            }
        }
        return best;
    }

    /** This query with another sort: the same column flips the order. */
    String linkSortedBy(Column c) {
        boolean desc = c == sort && !descending;
        return link(c, desc, directory);
    }

    String linkForDirectory(Optional<String> dir) {
        return link(sort, descending, dir);
    }

    private String link(Column c, boolean desc, Optional<String> dir) {
        StringBuilder b = new StringBuilder("?sort=").append(c.param).append("&order=").append(desc ? "desc" : "asc");
        amount.ifPresent(a -> b.append("&amount=").append(a.value()));
        dir.ifPresent(d -> b.append("&directory=").append(URLEncoder.encode(d, StandardCharsets.UTF_8)));
        return b.toString();
    }
}
