package jm.orderbook.web;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jm.core.Nick;
import jm.core.Sats;
import jm.orderbook.watch.MarketSnapshot;
import jm.orderbook.watch.MarketSnapshot.DirectoryView;
import jm.orderbook.web.PageQuery.Column;
import jm.taker.bond.VerifiedBond;
import jm.taker.offer.MakerOffer;

/**
 * The orderbook page: one self-contained HTML document (inline CSS, inline SVG charts, a small
 * inline script that only sorts the tables in place). Everything is rendered on the server, so
 * the page, the sorting links and the forms work without JavaScript; nothing is loaded from
 * anywhere else. Narrow screens get fewer columns and scrollable tables.
 */
final class OrderbookPage {
    private OrderbookPage() {
    }

    static String render(MarketSnapshot s, PageQuery q) {
        List<MakerOffer> offers = visibleOffers(s, q);
        Sats amount = q.amountFor(offers);
        StringBuilder b = new StringBuilder(32_768);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<link rel=\"icon\" href=\"data:,\"><title>JoinMarket orderbook</title><style>").append(CSS).append("</style></head><body>");
        header(b, s);
        b.append("<nav><a href=\"#offers\">Offers</a> <a href=\"#bonds\">Fidelity bonds</a> ")
                .append("<a href=\"#depth\">Depth</a> <a href=\"#sizes\">Sizes</a> ")
                .append("<a href=\"#directories\">Directories</a> <a href=\"orderbook.json\">JSON</a> ")
                .append("<a href=\"metrics\">Metrics</a></nav>");
        offersSection(b, s, q, offers, amount);
        bondsSection(b, s);
        b.append("<section id=\"depth\"><h2>Depth</h2><p class=\"note\">How many makers can join a CoinJoin of ")
                .append(Format.btcShort(amount.value())).append(" BTC at or below each fee (each maker's cheapest ")
                .append("offer for that amount).</p>").append(Charts.depth(offers, amount)).append("</section>");
        b.append("<section id=\"sizes\"><h2>Offer sizes</h2><p class=\"note\">Offers by their maximum size.</p>")
                .append(Charts.sizes(offers)).append("</section>");
        directoriesSection(b, s, q);
        b.append("<footer>Served by <code>jm obwatch</code>. Same data: <a href=\"orderbook.json\">orderbook.json</a>")
                .append(" (the reference watcher's schema), <a href=\"metrics\">metrics</a> (Prometheus).</footer>");
        b.append("<script>").append(SCRIPT).append("</script></body></html>\n");
        return b.toString();
    }

    private static List<MakerOffer> visibleOffers(MarketSnapshot s, PageQuery q) {
        if (q.directory().isEmpty()) {
            return s.offers();
        }
        String d = q.directory().get();
        return s.offers().stream().filter(o -> s.directoriesOf(o.maker()).contains(d)).toList();
    }

    private static void header(StringBuilder b, MarketSnapshot s) {
        long connected = s.directories().stream().filter(DirectoryView::connected).count();
        b.append("<header><h1>JoinMarket orderbook</h1><p id=\"counts\">");
        b.append("<span id=\"offer-count\">").append(s.offers().size()).append("</span> offers from ")
                .append("<span id=\"maker-count\">").append(s.makerCount()).append("</span> makers &middot; ")
                .append("<span id=\"bond-count\">").append(s.bonds().size()).append("</span> fidelity bonds &middot; ")
                .append(connected).append(" of ").append(s.directories().size()).append(" directories connected")
                .append("</p><p id=\"last-update\">Last update: ");
        if (s.lastUpdate().isPresent()) {
            Duration ago = Duration.between(s.lastUpdate().get(), s.taken());
            b.append("<time datetime=\"").append(s.lastUpdate().get()).append("\">")
                    .append(Format.time(s.lastUpdate().get())).append("</time> (").append(ago(ago)).append(" ago)");
        } else {
            b.append("none yet (waiting for offers)");
        }
        b.append(" &middot; page generated ").append(Format.time(s.taken())).append("</p>");
        b.append("<form method=\"post\" action=\"refreshorderbook\"><button type=\"submit\">")
                .append("Ask makers again</button></form></header>");
    }

    private static String ago(Duration d) {
        long sec = Math.max(0, d.toSeconds());
        return sec < 120 ? sec + " s" : sec < 7200 ? sec / 60 + " min" : sec / 3600 + " h";
    }

    private static void offersSection(StringBuilder b, MarketSnapshot s, PageQuery q, List<MakerOffer> offers,
            Sats amount) {
        b.append("<section id=\"offers\"><h2>Offers</h2>");
        b.append("<form method=\"get\" action=\"\" class=\"inline\"><label>Fees for a CoinJoin of ")
                .append("<input name=\"amount\" inputmode=\"decimal\" size=\"12\" value=\"")
                .append(Format.btcShort(amount.value())).append("\"> BTC</label>")
                .append("<input type=\"hidden\" name=\"sort\" value=\"").append(q.sort().param).append("\">");
        q.directory().ifPresent(d -> b.append("<input type=\"hidden\" name=\"directory\" value=\"")
                .append(Format.html(d)).append("\">"));
        b.append(" <button type=\"submit\">Show</button></form>");
        q.directory().ifPresent(d -> b.append("<p class=\"filter\">Only makers seen on <code>").append(Format.html(d))
                .append("</code> &middot; <a href=\"").append(Format.html(q.linkForDirectory(Optional.empty())))
                .append("\">show all</a></p>"));
        if (offers.isEmpty()) {
            b.append("<p class=\"empty\">No offers yet.</p></section>");
            return;
        }
        b.append("<div class=\"scroll\"><table id=\"offers-table\" class=\"sortable\"><thead><tr>");
        for (Column c : Column.values()) {
            String label = c == Column.FEE_AT ? "Fee for " + Format.btcShort(amount.value()) + " BTC" : c.header;
            b.append("<th scope=\"col\" data-col=\"").append(c.param).append("\" data-type=\"")
                    .append(c.numeric ? "num" : "text").append("\" class=\"c-").append(c.param).append("\"");
            if (c == q.sort()) {
                b.append(" aria-sort=\"").append(q.descending() ? "descending" : "ascending").append("\"");
            }
            b.append("><a href=\"").append(Format.html(q.linkSortedBy(c))).append("\">").append(Format.html(label))
                    .append("</a></th>");
        }
        b.append("</tr></thead><tbody>");
        List<MakerOffer> sorted = new ArrayList<>(offers);
        Comparator<MakerOffer> cmp = comparator(q, s, amount);
        sorted.sort(q.descending() ? cmp.reversed() : cmp);
        for (MakerOffer o : sorted) {
            row(b, o, s, amount);
        }
        b.append("</tbody></table></div><p class=\"note\">Sizes in BTC; hover (or long-press) for satoshis. ")
                .append("Relative fees are a share of the CoinJoin amount; the fee column for an amount shows ")
                .append("every offer in satoshis and as a share, so both kinds compare. Offers that cannot take ")
                .append("the amount (outside min..max size) show a dash.</p></section>");
    }

    private static Comparator<MakerOffer> comparator(PageQuery q, MarketSnapshot s, Sats amount) {
        Comparator<MakerOffer> byKey = switch (q.sort()) {
            case TYPE -> Comparator.comparing(o -> o.type().wireName());
            case MAKER -> Comparator.comparing(o -> o.maker().value());
            case OID -> Comparator.comparingLong(MakerOffer::oid);
            case FEE -> Comparator.comparing(MakerOffer::cjFee);
            case FEE_AT -> Comparator.comparingDouble(o -> feeAt(o, amount));
            case TXFEE -> Comparator.comparingLong(o -> o.txFee().value());
            case MINSIZE -> Comparator.comparingLong(o -> o.minSize().value());
            case MAXSIZE -> Comparator.comparingLong(o -> o.maxSize().value());
            case BOND -> Comparator.comparingDouble(MakerOffer::bondValue);
            case DIRECTORIES -> Comparator.comparingInt(o -> s.directoriesOf(o.maker()).size());
        };
        return byKey.thenComparing(o -> o.maker().value()).thenComparingLong(MakerOffer::oid);
    }

    /** The fee in sats for the amount, or +infinity if the offer cannot take it. */
    private static double feeAt(MakerOffer o, Sats amount) {
        return o.acceptsAmountStrictly(amount) ? o.cjFeeSats(amount).value() : Double.POSITIVE_INFINITY;
    }

    private static void row(StringBuilder b, MakerOffer o, MarketSnapshot s, Sats amount) {
        b.append("<tr data-maker=\"").append(Format.html(o.maker().value())).append("\">");
        String kind = o.type().isRelative() ? "relative" : "absolute";
        cell(b, Column.TYPE, o.type().wireName(), "<span title=\"" + o.type().wireName() + "\">" + kind
                + (o.nativeSegwit() ? "" : " (p2sh)") + "</span>");
        cell(b, Column.MAKER, o.maker().value(), "<code>" + Format.html(o.maker().value()) + "</code>");
        cell(b, Column.OID, Long.toString(o.oid()), Long.toString(o.oid()));
        if (o.type().isRelative()) {
            cell(b, Column.FEE, o.cjFee().toPlainString(), "<span title=\"" + o.cjFee().stripTrailingZeros()
                    .toPlainString() + " of the amount\">" + Format.percent(o.cjFee()) + "</span>");
        } else {
            cell(b, Column.FEE, o.cjFee().toPlainString(), Format.sats(o.cjFee().longValueExact()));
        }
        double at = feeAt(o, amount);
        if (Double.isInfinite(at)) {
            cell(b, Column.FEE_AT, "Infinity", "<span title=\"outside this offer's min..max size\">&ndash;</span>");
        } else {
            long fee = (long) at;
            String share = Format.percent(BigDecimal.valueOf(fee).divide(BigDecimal.valueOf(amount.value()),
                    MathContext.DECIMAL64));
            cell(b, Column.FEE_AT, Long.toString(fee), Format.sats(fee) + " <small>(" + share + ")</small>");
        }
        cell(b, Column.TXFEE, Long.toString(o.txFee().value()), Format.sats(o.txFee().value()));
        size(b, Column.MINSIZE, o.minSize().value());
        size(b, Column.MAXSIZE, o.maxSize().value());
        Optional<VerifiedBond> bond = s.bondOf(o.maker());
        cell(b, Column.BOND, Double.toString(o.bondValue()), bond.map(x -> "<a href=\"#bond-"
                + Format.html(o.maker().value()) + "\" title=\"" + Format.share(s.bondShare(x))
                + " of bond-weighted selection\">" + Format.weight(x.value()) + "</a>").orElse("&ndash;"));
        List<String> dirs = s.directoriesOf(o.maker());
        cell(b, Column.DIRECTORIES, Integer.toString(dirs.size()), "<span title=\""
                + Format.html(String.join(", ", dirs)) + "\">" + dirs.size() + "</span>");
        b.append("</tr>");
    }

    private static void size(StringBuilder b, Column c, long sats) {
        cell(b, c, Long.toString(sats), "<span title=\"" + Format.sats(sats) + "\">" + Format.btc(sats) + "</span>");
    }

    private static void cell(StringBuilder b, Column c, String sortValue, String html) {
        b.append("<td class=\"c-").append(c.param).append("\" data-v=\"").append(Format.html(sortValue)).append("\">")
                .append(html).append("</td>");
    }

    private static void bondsSection(StringBuilder b, MarketSnapshot s) {
        b.append("<section id=\"bonds\"><h2>Fidelity bonds</h2>");
        if (!s.bondsVerified()) {
            b.append("<p class=\"empty\">Bonds are not verified: the watcher runs without a Bitcoin node ")
                    .append("(<code>--no-chain</code>).</p></section>");
            return;
        }
        if (s.bonds().isEmpty()) {
            b.append("<p class=\"empty\">No verified fidelity bonds.</p></section>");
            return;
        }
        long locked = s.bonds().stream().mapToLong(x -> x.amount().value()).sum();
        b.append("<p>").append(s.bonds().size()).append(s.bonds().size() == 1 ? " bond locks" : " bonds lock")
                .append(" <span title=\"").append(Format.sats(locked))
                .append("\">").append(Format.btc(locked)).append(" BTC</span>. A taker choosing by fidelity bond ")
                .append("picks each bonded maker with a chance proportional to its bond value: the share column.</p>");
        b.append("<div class=\"scroll\"><table id=\"bonds-table\" class=\"sortable\"><thead><tr>")
                .append("<th data-type=\"text\">Maker</th><th data-type=\"num\">Bond value</th>")
                .append("<th data-type=\"num\">Share of bond-weighted selection</th>")
                .append("<th data-type=\"num\">Locked (BTC)</th><th data-type=\"num\">Locktime</th>")
                .append("<th data-type=\"num\" class=\"c-oid\">Confirmations</th>")
                .append("<th data-type=\"text\" class=\"c-dirs\">UTXO</th></tr></thead><tbody>");
        for (VerifiedBond x : s.bonds()) {
            double share = s.bondShare(x);
            b.append("<tr id=\"bond-").append(Format.html(x.maker().value())).append("\">");
            b.append("<td data-v=\"").append(x.maker().value()).append("\"><code>").append(x.maker().value())
                    .append("</code></td>");
            b.append("<td data-v=\"").append(x.value()).append("\">").append(Format.weight(x.value())).append("</td>");
            b.append("<td data-v=\"").append(share).append("\"><span class=\"share\"><span style=\"width:")
                    .append(String.format(Locale.ROOT, "%.1f", share * 100)).append("%\"></span></span> ")
                    .append(Format.share(share)).append("</td>");
            b.append("<td data-v=\"").append(x.amount().value()).append("\"><span title=\"")
                    .append(Format.sats(x.amount().value())).append("\">").append(Format.btc(x.amount().value()))
                    .append("</span></td>");
            b.append("<td data-v=\"").append(x.locktime()).append("\">").append(Format.date(x.locktime()))
                    .append("</td>");
            b.append("<td class=\"c-oid\" data-v=\"").append(x.confirmations()).append("\">")
                    .append(x.confirmations()).append("</td>");
            String utxo = x.utxo().txid() + ":" + x.utxo().vout();
            b.append("<td class=\"c-dirs\" data-v=\"").append(utxo).append("\"><code title=\"").append(utxo)
                    .append("\">").append(utxo, 0, 8).append("&hellip;:").append(x.utxo().vout())
                    .append("</code></td></tr>");
        }
        b.append("</tbody></table></div></section>");
    }

    private static void directoriesSection(StringBuilder b, MarketSnapshot s, PageQuery q) {
        b.append("<section id=\"directories\"><h2>Directories</h2><div class=\"scroll\">")
                .append("<table id=\"directories-table\"><thead><tr><th>Directory</th><th>Status</th>")
                .append("<th>Makers</th><th>Offers</th><th>Bonds</th></tr></thead><tbody>");
        for (DirectoryView d : s.directories()) {
            long offers = s.offers().stream().filter(o -> d.makers().contains(o.maker())).count();
            long bonds = s.bonds().stream().filter(x -> d.makers().contains(x.maker())).count();
            b.append("<tr><td><a href=\"").append(Format.html(q.linkForDirectory(Optional.of(d.name()))))
                    .append("\"><code>").append(Format.html(d.name())).append("</code></a></td><td class=\"")
                    .append(d.connected() ? "up\">connected" : "down\">not connected").append("</td><td>")
                    .append(d.makers().size()).append("</td><td>").append(offers).append("</td><td>").append(bonds)
                    .append("</td></tr>");
        }
        b.append("</tbody></table></div>");
        List<Nick> makers = s.offers().stream().map(MakerOffer::maker).distinct()
                .sorted(Comparator.comparing(Nick::value)).toList();
        if (!makers.isEmpty() && !s.directories().isEmpty()) {
            b.append("<h3>Which directory sees which maker</h3><div class=\"scroll\"><table id=\"seen-table\">")
                    .append("<thead><tr><th>Maker</th>");
            for (int i = 0; i < s.directories().size(); i++) {
                b.append("<th title=\"").append(Format.html(s.directories().get(i).name())).append("\">D")
                        .append(i + 1).append("</th>");
            }
            b.append("</tr></thead><tbody>");
            for (Nick m : makers) {
                b.append("<tr><td><code>").append(m.value()).append("</code></td>");
                for (DirectoryView d : s.directories()) {
                    boolean seen = d.makers().contains(m);
                    b.append("<td class=\"").append(seen ? "seen\">&#10003;" : "unseen\">&middot;").append("</td>");
                }
                b.append("</tr>");
            }
            b.append("</tbody></table></div><p class=\"note\">");
            for (int i = 0; i < s.directories().size(); i++) {
                b.append(i == 0 ? "" : " &middot; ").append("D").append(i + 1).append(" = <code>")
                        .append(Format.html(s.directories().get(i).name())).append("</code>");
            }
            b.append("</p>");
        }
        b.append("</section>");
    }

    static final String CSS = """
            :root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#59636e;--line:#d0d7de;--head:#f3f5f7;\
            --accent:#0b62c4;--bar:#2f81f7;--up:#1a7f37;--down:#cf222e}
            @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#30363d;\
            --head:#161b22;--accent:#58a6ff;--bar:#388bfd;--up:#3fb950;--down:#f85149}}
            *{box-sizing:border-box}
            body{margin:0 auto;max-width:1200px;padding:12px 16px 32px;background:var(--bg);color:var(--fg);\
            font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
            h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin:1.4em 0 .4em;\
            border-bottom:1px solid var(--line);padding-bottom:.2em}h3{font-size:1em}
            a{color:var(--accent)}code{font:0.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
            nav{display:flex;flex-wrap:wrap;gap:.3em 1em;margin:.6em 0}
            header p{margin:.2em 0;color:var(--muted)}#counts{color:var(--fg);font-size:1.05em}
            header form{margin:.4em 0}
            button,input{font:inherit;padding:.25em .6em}
            .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
            table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
            th,td{padding:.35em .55em;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
            th{background:var(--head);position:sticky;top:0}
            th a{color:inherit;text-decoration:none}th a:hover{text-decoration:underline}
            th[aria-sort=ascending] a::after{content:" \\25B2"}th[aria-sort=descending] a::after{content:" \\25BC"}
            td:first-child,th:first-child,.c-maker,.c-type{text-align:left}
            tbody tr:hover{background:var(--head)}
            .note{color:var(--muted);font-size:.9em}.empty{color:var(--muted)}
            .share{display:inline-block;width:5em;height:.7em;background:var(--line);vertical-align:middle}
            .share span{display:block;height:100%;background:var(--bar)}
            .up{color:var(--up)}.down{color:var(--down)}.seen{color:var(--up);text-align:center}\
            .unseen{color:var(--muted);text-align:center}
            .chart{width:100%;max-width:720px;height:auto;display:block}
            .chart text{font-size:12px;fill:var(--muted)}.chart .axis{stroke:var(--muted);fill:none}
            .chart .line{stroke:var(--bar);stroke-width:2;fill:none}.chart .bar{fill:var(--bar)}
            footer{margin-top:2em;color:var(--muted);font-size:.9em}
            @media (max-width:700px){body{padding:8px;font-size:14px}.c-oid,.c-dirs,.c-txfee,.c-minsize{display:none}\
            th,td{padding:.3em .35em}}
            """;

    /** Sorts a table in place when its header is clicked (the links still work without it). */
    static final String SCRIPT = """
            (function(){
            function key(row,i,num){var v=row.cells[i].getAttribute('data-v');if(v===null){v=row.cells[i].textContent;}
            return num?parseFloat(v):v;}
            function sortBy(table,th){
            var i=Array.prototype.indexOf.call(th.parentNode.children,th);
            var num=th.getAttribute('data-type')==='num';
            var asc=th.getAttribute('aria-sort')!=='ascending';
            Array.prototype.forEach.call(th.parentNode.children,function(h){h.removeAttribute('aria-sort');});
            th.setAttribute('aria-sort',asc?'ascending':'descending');
            var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
            rows.sort(function(a,b){var x=key(a,i,num),y=key(b,i,num);var c=x<y?-1:x>y?1:0;return asc?c:-c;});
            rows.forEach(function(r){body.appendChild(r);});}
            Array.prototype.forEach.call(document.querySelectorAll('table.sortable'),function(table){
            Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th){
            th.addEventListener('click',function(e){e.preventDefault();sortBy(table,th);});});});
            })();
            """;
}
