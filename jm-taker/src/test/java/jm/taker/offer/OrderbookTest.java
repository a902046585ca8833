package jm.taker.offer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.offer.OfferType;
import org.junit.jupiter.api.Test;

class OrderbookTest {
    private static final Nick A = new Nick("J5AAAAAAAAAAAAAA");
    private static final Nick B = new Nick("J5BBBBBBBBBBBBBB");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final OutPoint BOND = OutPoint.of("11".repeat(32), 0);

    static MakerOffer rel(Nick n, long oid, String fee) {
        return new MakerOffer(n, OfferType.SW0RELOFFER, oid, Sats.of(27_300), Sats.of(10_000_000), Sats.ZERO,
                new BigDecimal(fee), 0);
    }

    static MakerOffer abs(Nick n, long oid, long fee) {
        return new MakerOffer(n, OfferType.SW0ABSOFFER, oid, Sats.of(27_300), Sats.of(10_000_000), Sats.ZERO,
                BigDecimal.valueOf(fee), 0);
    }

    @Test
    void keepsOnlyTheCheapestOfferPerMakerForTheAmount() {
        Orderbook book = new Orderbook(100);
        book.add(rel(A, 0, "0.001"), T0); // 1000 sats at 1M
        book.add(abs(A, 1, 500), T0);
        book.add(rel(B, 0, "0.0001"), T0);
        var best = book.cheapestPerMaker(Sats.of(1_000_000), T0, Duration.ofMinutes(5));
        assertThat(best).extracting(MakerOffer::maker).containsExactly(A, B);
        assertThat(best.get(0).oid()).isEqualTo(1);
    }

    @Test
    void cancelledOffersDisappear() {
        Orderbook book = new Orderbook(100);
        book.add(rel(A, 0, "0.001"), T0);
        book.remove(A, 0);
        assertThat(book.cheapestPerMaker(Sats.of(1_000_000), T0, Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void dropsOffersOlderThanTheMaximumAge() {
        Orderbook book = new Orderbook(100);
        book.add(rel(A, 0, "0.001"), T0);
        book.add(rel(B, 0, "0.001"), T0.plusSeconds(100));
        var best = book.cheapestPerMaker(Sats.of(1_000_000), T0.plusSeconds(150), Duration.ofSeconds(60));
        assertThat(best).extracting(MakerOffer::maker).containsExactly(B);
    }

    @Test
    void aBondUtxoCountsForTheFirstMakerOnly() {
        Orderbook book = new Orderbook(100);
        book.add(rel(A, 0, "0.001"), T0);
        book.add(rel(B, 0, "0.001"), T0);
        assertThat(book.recordBond(A, BOND, 1000.0)).isTrue();
        assertThat(book.recordBond(B, BOND, 5000.0)).isFalse();
        var best = book.cheapestPerMaker(Sats.of(1_000_000), T0, Duration.ofMinutes(5));
        assertThat(best.get(0).bondValue()).isEqualTo(1000.0);
        assertThat(best.get(1).bondValue()).isZero();
    }

    @Test
    void boundsTheNumberOfMakers() {
        Orderbook book = new Orderbook(1);
        assertThat(book.add(rel(A, 0, "0.001"), T0)).isTrue();
        assertThat(book.add(rel(B, 0, "0.001"), T0)).isFalse();
        assertThat(book.add(rel(A, 1, "0.002"), T0)).isTrue();
        assertThat(book.makers()).isEqualTo(1);
    }
}
