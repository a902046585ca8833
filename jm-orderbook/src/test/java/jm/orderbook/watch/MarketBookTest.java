package jm.orderbook.watch;

import static jm.orderbook.testing.Fixtures.absolute;
import static jm.orderbook.testing.Fixtures.bond;
import static jm.orderbook.testing.Fixtures.nick;
import static jm.orderbook.testing.Fixtures.relative;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jm.core.Network;
import jm.core.Nick;
import jm.core.testing.MutableClock;
import jm.taker.offer.MakerOffer;
import org.junit.jupiter.api.Test;

class MarketBookTest {
    static final String D1 = "dir1.onion:5222";
    static final String D2 = "dir2.onion:5222";
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    final MarketBook book = new MarketBook(Network.REGTEST, clock, true);
    final Nick a = nick();
    final Nick b = nick();

    MarketSnapshot snap() {
        return book.snapshot(List.of(D1, D2), D1::equals, n -> List.of());
    }

    @Test
    void keepsEveryOfferOfEveryMakerAndWhereEachWasSeen() {
        book.offer(relative(a, 0, 100_000, 5_000_000, 100, "0.0002"), D1);
        book.offer(absolute(a, 1, 100_000, 9_000_000, 0, 250), D2);
        book.offer(relative(b, 0, 200_000, 1_000_000, 50, "0.0001"), D2);
        MarketSnapshot s = snap();
        assertThat(s.offers()).extracting(MakerOffer::oid).containsExactly(0L, 1L, 0L);
        assertThat(s.makerCount()).isEqualTo(2);
        assertThat(s.directoriesOf(a)).containsExactly(D1, D2);
        assertThat(s.directoriesOf(b)).containsExactly(D2);
        assertThat(s.directories()).extracting(MarketSnapshot.DirectoryView::connected).containsExactly(true, false);
        assertThat(s.directories().get(0).makers()).containsExactly(a);
        assertThat(s.directories().get(1).makers()).containsExactlyInAnyOrder(a, b);
        assertThat(s.lastUpdate()).contains(clock.instant());
    }

    @Test
    void aReannouncedOfferReplacesTheOldOne() {
        book.offer(relative(a, 0, 100_000, 5_000_000, 100, "0.0002"), D1);
        book.offer(relative(a, 0, 100_000, 7_000_000, 100, "0.0003"), D1);
        assertThat(snap().offers()).singleElement().satisfies(o -> assertThat(o.maxSize().value())
                .isEqualTo(7_000_000));
    }

    @Test
    void aWithdrawnOfferIsRemovedAndAMakerWithoutOffersIsForgotten() {
        book.offer(relative(a, 0, 100_000, 5_000_000, 100, "0.0002"), D1);
        book.offer(absolute(a, 1, 100_000, 9_000_000, 0, 250), D1);
        book.bond(bond(a, 1, 1_000_000, 5e9), D1);
        clock.advance(Duration.ofSeconds(5));
        book.withdraw(a, 0);
        assertThat(snap().offers()).extracting(MakerOffer::oid).containsExactly(1L);
        assertThat(snap().lastUpdate()).contains(clock.instant());
        book.withdraw(a, 1);
        assertThat(snap().offers()).isEmpty();
        assertThat(snap().bonds()).isEmpty();
        assertThat(snap().directoriesOf(a)).isEmpty();
    }

    @Test
    void aBondCountsForTheFirstMakerOnlyAndEachMakerKeepsItsBest() {
        book.offer(relative(a, 0, 100_000, 5_000_000, 100, "0.0002"), D1);
        book.offer(relative(b, 0, 100_000, 5_000_000, 100, "0.0002"), D1);
        assertThat(book.bond(bond(a, 1, 1_000_000, 5e9), D1)).isTrue();
        assertThat(book.bond(bond(b, 1, 1_000_000, 5e9), D1)).as("same UTXO, other maker").isFalse();
        assertThat(book.bond(bond(a, 2, 3_000_000, 9e9), D1)).isTrue();
        MarketSnapshot s = snap();
        assertThat(s.bonds()).singleElement().satisfies(x -> {
            assertThat(x.maker()).isEqualTo(a);
            assertThat(x.value()).isEqualTo(9e9);
        });
        assertThat(s.offers()).filteredOn(o -> o.maker().equals(a)).extracting(MakerOffer::bondValue)
                .containsExactly(9e9);
        assertThat(s.offers()).filteredOn(o -> o.maker().equals(b)).extracting(MakerOffer::bondValue)
                .containsExactly(0.0);
    }

    @Test
    void aBondThatNoLongerVerifiesIsDroppedAndARecheckUpdatesTheValue() {
        book.offer(relative(a, 0, 100_000, 5_000_000, 100, "0.0002"), D1);
        book.bond(bond(a, 1, 1_000_000, 5e9), D1);
        book.bond(bond(a, 1, 1_000_000, 4e9), D1); // the same bond, checked later: aged
        assertThat(snap().bonds()).singleElement().satisfies(x -> assertThat(x.value()).isEqualTo(4e9));
        assertThat(snap().offers()).extracting(MakerOffer::bondValue).containsExactly(4e9);
        book.bondRejected(a);
        assertThat(snap().bonds()).isEmpty();
        assertThat(snap().offers()).extracting(MakerOffer::bondValue).containsExactly(0.0);
    }

    @Test
    void aBondWithoutOffersIsNotBooked() {
        assertThat(book.bond(bond(a, 1, 1_000_000, 5e9), D1)).isFalse();
        assertThat(snap().bonds()).isEmpty();
    }

    @Test
    void bondSharesAreValueOverTheTotal() {
        book.offer(relative(a, 0, 100_000, 5_000_000, 100, "0.0002"), D1);
        book.offer(relative(b, 0, 100_000, 5_000_000, 100, "0.0002"), D1);
        book.bond(bond(a, 1, 1_000_000, 3e9), D1);
        book.bond(bond(b, 2, 1_000_000, 1e9), D1);
        MarketSnapshot s = snap();
        assertThat(s.bonds()).extracting(x -> x.maker()).containsExactly(a, b); // largest first
        assertThat(s.bondShare(s.bonds().get(0))).isEqualTo(0.75);
        assertThat(s.bondShare(s.bonds().get(1))).isEqualTo(0.25);
    }

    @Test
    void makersSilentForTooLongAreDropped() {
        book.offer(relative(a, 0, 100_000, 5_000_000, 100, "0.0002"), D1);
        clock.advance(Duration.ofMinutes(10));
        book.offer(relative(b, 0, 100_000, 5_000_000, 100, "0.0002"), D1);
        clock.advance(Duration.ofMinutes(6));
        assertThat(book.dropSilent(Duration.ofMinutes(15))).containsExactly(a);
        assertThat(snap().offers()).extracting(MakerOffer::maker).containsExactly(b);
    }

    @Test
    void aDepartedMakerLosesItsOffersAndBond() {
        book.offer(relative(a, 0, 100_000, 5_000_000, 100, "0.0002"), D1);
        book.bond(bond(a, 1, 1_000_000, 5e9), D1);
        book.makerGone(a);
        assertThat(snap().offers()).isEmpty();
        assertThat(snap().bonds()).isEmpty();
    }

    @Test
    void peerListsAddDirectoriesWhereAMakerWasNotHeardFrom() {
        book.offer(relative(a, 0, 100_000, 5_000_000, 100, "0.0002"), D1);
        MarketSnapshot s = book.snapshot(List.of(D1, D2), d -> true, n -> List.of(D2));
        assertThat(s.directoriesOf(a)).containsExactly(D1, D2);
        assertThat(s.lastUpdate()).isPresent();
        assertThat(new MarketBook(Network.REGTEST, clock, true).snapshot(List.of(), d -> true, n -> List.of())
                .lastUpdate()).isEqualTo(Optional.empty());
    }
}
