package jm.orderbook.web;

import java.util.Map;
import java.util.TreeMap;
import jm.core.offer.OfferType;
import jm.orderbook.watch.MarketSnapshot;
import jm.orderbook.watch.MarketSnapshot.DirectoryView;
import jm.taker.offer.MakerOffer;

/** {@code /metrics}: the market as Prometheus text exposition format (version 0.0.4). */
public final class MetricsText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsText() {
    }

    public static String of(MarketSnapshot s) {
        StringBuilder b = new StringBuilder(2048);
        gauge(b, "jm_obwatch_offers", "Offers in the orderbook.", s.offers().size());
        help(b, "jm_obwatch_offers_by_type", "Offers in the orderbook by offer type.");
        Map<String, Long> byType = new TreeMap<>();
        for (OfferType t : OfferType.values()) {
            byType.put(t.wireName(), 0L);
        }
        for (MakerOffer o : s.offers()) {
            byType.merge(o.type().wireName(), 1L, Long::sum);
        }
        byType.forEach((t, n) -> sample(b, "jm_obwatch_offers_by_type", "type", t, n));
        gauge(b, "jm_obwatch_makers", "Makers with at least one offer.", s.makerCount());
        gauge(b, "jm_obwatch_bonds", "Verified fidelity bonds.", s.bonds().size());
        gauge(b, "jm_obwatch_bond_value_total", "Sum of the verified bonds' values (selection weights).",
                s.totalBondValue());
        gauge(b, "jm_obwatch_bonded_sats_total", "Satoshis locked in verified fidelity bonds.",
                s.bonds().stream().mapToLong(x -> x.amount().value()).sum());
        gauge(b, "jm_obwatch_offered_sats_max", "Largest maxsize of any offer, in satoshis.",
                s.offers().stream().mapToLong(o -> o.maxSize().value()).max().orElse(0));
        gauge(b, "jm_obwatch_directories", "Configured directories.", s.directories().size());
        help(b, "jm_obwatch_directory_connected", "1 if the directory connection is up.");
        for (DirectoryView d : s.directories()) {
            sample(b, "jm_obwatch_directory_connected", "directory", d.name(), d.connected() ? 1 : 0);
        }
        help(b, "jm_obwatch_directory_makers", "Makers with offers seen on the directory.");
        for (DirectoryView d : s.directories()) {
            sample(b, "jm_obwatch_directory_makers", "directory", d.name(), d.makers().size());
        }
        help(b, "jm_obwatch_directory_offers", "Offers of makers seen on the directory.");
        for (DirectoryView d : s.directories()) {
            sample(b, "jm_obwatch_directory_offers", "directory", d.name(),
                    s.offers().stream().filter(o -> d.makers().contains(o.maker())).count());
        }
        help(b, "jm_obwatch_directory_bonds", "Verified bonds of makers seen on the directory.");
        for (DirectoryView d : s.directories()) {
            sample(b, "jm_obwatch_directory_bonds", "directory", d.name(),
                    s.bonds().stream().filter(x -> d.makers().contains(x.maker())).count());
        }
        gauge(b, "jm_obwatch_last_update_timestamp_seconds",
                "Unix time of the last change to the orderbook (0 = none yet).",
                s.lastUpdate().map(t -> t.getEpochSecond()).orElse(0L));
        return b.toString();
    }

    private static void gauge(StringBuilder b, String name, String help, double value) {
        help(b, name, help);
        b.append(name).append(' ').append(number(value)).append('\n');
    }

    private static void help(StringBuilder b, String name, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" gauge\n");
    }

    private static void sample(StringBuilder b, String name, String label, String value, double v) {
        b.append(name).append('{').append(label).append("=\"").append(escape(value)).append("\"} ")
                .append(number(v)).append('\n');
    }

    /** Label values escape backslash, double quote and newline (the exposition format's rule). */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
