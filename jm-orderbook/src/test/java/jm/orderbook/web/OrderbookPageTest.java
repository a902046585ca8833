package jm.orderbook.web;

import static jm.orderbook.testing.Fixtures.absolute;
import static jm.orderbook.testing.Fixtures.bond;
import static jm.orderbook.testing.Fixtures.nick;
import static jm.orderbook.testing.Fixtures.regtestBook;
import static jm.orderbook.testing.Fixtures.relative;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jm.core.Nick;
import jm.core.Sats;
import jm.orderbook.watch.MarketBook;
import jm.orderbook.watch.MarketSnapshot;
import org.junit.jupiter.api.Test;

class OrderbookPageTest {
    static final String D1 = "dir1.onion:5222";
    static final String HOSTILE = "<script>alert(1)</script>:1";
    final Nick cheap = nick();
    final Nick dear = nick();
    final Nick small = nick();

    MarketSnapshot market() {
        MarketBook book = regtestBook(Instant.parse("2026-12-01T00:00:00Z"));
        book.offer(relative(cheap, 0, 100_000, 50_000_000, 100, "0.00001"), D1);
        book.offer(absolute(dear, 0, 100_000, 30_000_000, 0, 5_000), D1);
        book.offer(relative(small, 0, 100_000, 900_000, 0, "0.0000001"), HOSTILE);
        book.bond(bond(dear, 1, 1_000_000, 3e9), D1);
        return book.snapshot(List.of(D1, HOSTILE), d -> true, n -> List.of());
    }

    static List<String> rows(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<tr data-maker=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void byDefaultOffersAreSortedByTheirFeeForAnAmountMostMakersAccept() {
        String html = OrderbookPage.render(market(), PageQuery.parse(null));
        // 20,000,000 sats is the largest round amount two of the three makers accept
        assertThat(html).contains("Fee for 0.2 BTC");
        // cheap: 200 sats, dear: 5,000 sats, small cannot take 0.2 BTC: last
        assertThat(rows(html)).containsExactly(cheap.value(), dear.value(), small.value());
        assertThat(html).contains("200 sats <small>(0.001%)</small>", "5,000 sats <small>(0.025%)</small>");
    }

    @Test
    void sortLinksSortOnTheServerAndFlipTheOrder() {
        String html = OrderbookPage.render(market(), PageQuery.parse("sort=maxsize&order=desc&amount=1000000"));
        assertThat(rows(html)).containsExactly(cheap.value(), dear.value(), small.value());
        assertThat(html).contains("aria-sort=\"descending\"", "href=\"?sort=maxsize&amp;order=asc&amp;amount=1000000\"");
        String asc = OrderbookPage.render(market(), PageQuery.parse("sort=maxsize&order=asc"));
        assertThat(rows(asc)).containsExactly(small.value(), dear.value(), cheap.value());
    }

    @Test
    void showsSizesInBtcWithSatsOnHoverAndFeesBothWays() {
        String html = OrderbookPage.render(market(), PageQuery.parse("amount=0.1"));
        assertThat(html).contains("<span title=\"50,000,000 sats\">0.50000000</span>");
        assertThat(html).contains("Fee for 0.1 BTC");
        assertThat(html).contains("0.001%", "5,000 sats");
    }

    @Test
    void listsTheBondWithItsShare() {
        String html = OrderbookPage.render(market(), PageQuery.parse(null));
        assertThat(html).contains("id=\"bond-" + dear.value() + "\"", "100.0%", "3.00&times;10<sup>9</sup>");
    }

    @Test
    void escapesWhatPeersAndConfigurationControl() {
        String html = OrderbookPage.render(market(), PageQuery.parse("directory=%3Cb%3E"));
        assertThat(html).doesNotContain("<script>alert", "<b>");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;:1", "&lt;b&gt;");
    }

    @Test
    void theDirectoryFilterShowsOnlyMakersSeenThere() {
        String html = OrderbookPage.render(market(), PageQuery.parse("directory=" + java.net.URLEncoder.encode(
                HOSTILE, java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(rows(html)).containsExactly(small.value());
    }

    @Test
    void loadsNothingFromElsewhere() {
        String html = OrderbookPage.render(market(), PageQuery.parse(null));
        assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
        assertThat(html).doesNotContain("<link rel=\"stylesheet\"", "@import", "url(", "<script src");
        assertThat(html).contains("<meta name=\"viewport\"");
    }

    @Test
    void anEmptyBookSaysSo() {
        MarketSnapshot empty = regtestBook(Instant.EPOCH)
                .snapshot(List.of(D1), d -> false, n -> List.of());
        String html = OrderbookPage.render(empty, PageQuery.parse(null));
        assertThat(html).contains("No offers yet.", "none yet (waiting for offers)", "not connected",
                "No verified fidelity bonds.");
    }

    @Test
    void malformedQueriesFallBackToDefaults() {
        PageQuery q = PageQuery.parse("sort=%zz&amount=-5&order=sideways&amount=1e999&directory=");
        assertThat(q.sort()).isEqualTo(PageQuery.Column.FEE_AT);
        assertThat(q.descending()).isFalse();
        assertThat(q.amount()).isEmpty();
        assertThat(q.directory()).isEmpty();
        assertThat(PageQuery.parseAmount("0.5")).contains(Sats.of(50_000_000));
        assertThat(PageQuery.parseAmount("123456")).contains(Sats.of(123_456));
        assertThat(PageQuery.parseAmount("0.000000001")).isEmpty();
        assertThat(PageQuery.parseAmount("21000001")).isEqualTo(PageQuery.parseAmount("21000001"));
        assertThat(PageQuery.parseAmount("30000000.0")).isEmpty();
        assertThat(PageQuery.parse("x".repeat(PageQuery.MAX_QUERY + 1))).isEqualTo(PageQuery.defaults());
    }
}
