package jm.demo.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import jm.core.Nick;
import jm.core.crypto.NickKey;
import org.junit.jupiter.api.Test;

class OrderbookQuorumTest {
    final SecureRandom random = new SecureRandom();
    final Nick a = NickKey.random(random).nick();
    final Nick b = NickKey.random(random).nick();
    final Nick stranger = NickKey.random(random).nick();
    final AtomicInteger runs = new AtomicInteger();

    @Test
    void firesAsSoonAsEveryExpectedMakerHasAnswered() {
        OrderbookQuorum q = new OrderbookQuorum(Set.of(a, b));
        q.onQuorum(runs::incrementAndGet);
        q.offerFrom(a);
        assertThat(runs).hasValue(0);
        q.offerFrom(b);
        assertThat(runs).hasValue(1);
        assertThat(q.answered()).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void answersBeforeTheActionIsSetCountToo() {
        OrderbookQuorum q = new OrderbookQuorum(Set.of(a));
        q.offerFrom(a);
        assertThat(runs).hasValue(0);
        q.onQuorum(runs::incrementAndGet);
        assertThat(runs).hasValue(1);
    }

    @Test
    void offersFromNicksNobodyExpectedDoNotEndTheWait() {
        OrderbookQuorum q = new OrderbookQuorum(Set.of(a));
        q.onQuorum(runs::incrementAndGet);
        q.offerFrom(stranger);
        q.offerFrom(stranger);
        assertThat(runs).hasValue(0);
        assertThat(q.answered()).isEmpty();
    }

    @Test
    void firesOnceEvenWhenOffersRepeat() {
        OrderbookQuorum q = new OrderbookQuorum(Set.of(a));
        q.onQuorum(runs::incrementAndGet);
        q.offerFrom(a);
        q.offerFrom(a);
        q.onQuorum(runs::incrementAndGet);
        assertThat(runs).hasValue(1);
    }
}
