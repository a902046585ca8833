package jm.orderbook.web;

import static jm.orderbook.testing.Fixtures.absolute;
import static jm.orderbook.testing.Fixtures.bond;
import static jm.orderbook.testing.Fixtures.nick;
import static jm.orderbook.testing.Fixtures.regtestBook;
import static jm.orderbook.testing.Fixtures.relative;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import jm.core.Nick;
import jm.orderbook.watch.MarketBook;
import org.junit.jupiter.api.Test;

class MetricsTextTest {
    /** One sample line of the text format: name, optional labels, a number. */
    static final Pattern SAMPLE = Pattern.compile("[a-z_]+(\\{[a-z_]+=\"([^\"\\\\]|\\\\.)*\"\\})? -?[0-9.eE+-]+");

    @Test
    void countsOffersMakersBondsAndEachDirectory() {
        MarketBook book = regtestBook(Instant.ofEpochSecond(1_800_000_000L));
        Nick a = nick();
        Nick b = nick();
        book.offer(relative(a, 0, 100_000, 5_000_000, 100, "0.0002"), "d1:1");
        book.offer(absolute(a, 1, 100_000, 7_000_000, 0, 300), "d1:1");
        book.offer(relative(b, 0, 100_000, 5_000_000, 100, "0.0002"), "d\"2\n:1");
        book.bond(bond(a, 1, 2_000_000, 4e9), "d1:1");
        String text = MetricsText.of(book.snapshot(List.of("d1:1", "d\"2\n:1"), "d1:1"::equals, n -> List.of()));
        assertThat(text.lines()).contains("jm_obwatch_offers 3", "jm_obwatch_makers 2", "jm_obwatch_bonds 1",
                "jm_obwatch_bonded_sats_total 2000000", "jm_obwatch_offered_sats_max 7000000",
                "jm_obwatch_offers_by_type{type=\"sw0reloffer\"} 2",
                "jm_obwatch_offers_by_type{type=\"sw0absoffer\"} 1",
                "jm_obwatch_offers_by_type{type=\"reloffer\"} 0",
                "jm_obwatch_directory_connected{directory=\"d1:1\"} 1",
                "jm_obwatch_directory_connected{directory=\"d\\\"2\\n:1\"} 0",
                "jm_obwatch_directory_makers{directory=\"d1:1\"} 1",
                "jm_obwatch_directory_offers{directory=\"d1:1\"} 2",
                "jm_obwatch_directory_bonds{directory=\"d\\\"2\\n:1\"} 0",
                "jm_obwatch_bond_value_total 4000000000",
                "jm_obwatch_last_update_timestamp_seconds 1800000000");
        for (String line : text.lines().toList()) {
            if (!line.startsWith("# HELP ") && !line.startsWith("# TYPE ")) {
                assertThat(line).matches(SAMPLE);
            }
        }
    }
}
