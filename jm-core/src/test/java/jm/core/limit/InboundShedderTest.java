package jm.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jm.core.limit.InboundShedder.Lane;
import org.junit.jupiter.api.Test;

class InboundShedderTest {
    private static List<String> drain(InboundShedder<String, String> q) {
        List<String> out = new ArrayList<>();
        for (Optional<String> m = q.poll(); m.isPresent(); m = q.poll()) {
            out.add(m.get());
        }
        return out;
    }

    /** Queues {@code messages} from one source in one lane, in order. */
    private static void offer(InboundShedder<String, String> q, String source, Lane lane, String... messages) {
        for (String m : messages) {
            q.offer(source, lane, m);
        }
    }

    @Test
    void servesSessionsFirstThenOtherThenNew() {
        InboundShedder<String, String> q = new InboundShedder<>(10, 10);
        q.offer("flood", Lane.NEW, "orderbook 1");
        q.offer("fresh", Lane.OTHER, "auth");
        offer(q, "taker", Lane.SESSION, "tx");
        q.offer("flood", Lane.NEW, "orderbook 2");
        offer(q, "taker", Lane.SESSION, "push");
        assertThat(drain(q)).containsExactly("tx", "push", "auth", "orderbook 1", "orderbook 2");
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void theSourceThatAskedLeastGoesFirstEachOldestFirst() {
        InboundShedder<String, String> q = new InboundShedder<>(100, 10);
        for (int i = 0; i < 5; i++) {
            q.offer("flooder", Lane.NEW, "f" + i);
        }
        q.offer("honest", Lane.NEW, "fill");
        offer(q, "other", Lane.NEW, "o0", "o1");
        assertThat(drain(q)).containsExactly("fill", "o0", "o1", "f0", "f1", "f2", "f3", "f4");
    }

    @Test
    void sourcesThatAskedAlikeTakeTurns() {
        InboundShedder<String, String> q = new InboundShedder<>(100, 10);
        offer(q, "a", Lane.NEW, "a0", "a1");
        offer(q, "b", Lane.NEW, "b0", "b1");
        assertThat(drain(q)).containsExactly("a0", "b0", "a1", "b1");
    }

    @Test
    void demandFadesSoAFormerFlooderIsNotPunishedForever() {
        InboundShedder<String, String> q = new InboundShedder<>(10, 10);
        for (int i = 0; i < 3; i++) {
            q.offer("past", Lane.NEW, "p" + i);
        }
        drain(q);
        // many messages from many one-off sources later, "past" asked as little as anyone
        for (int i = 0; i < InboundShedder.DECAY_EVERY * 2; i++) {
            q.offer("s" + i, Lane.NEW, "x");
            q.poll();
        }
        q.offer("past", Lane.NEW, "again");
        q.offer("fresh", Lane.NEW, "hello");
        assertThat(drain(q)).containsExactly("again", "hello");
    }

    @Test
    void whenFullShedsTheOldestMessageOfTheBusiestSourceAndNewBeforeOther() {
        InboundShedder<String, String> q = new InboundShedder<>(4, 10);
        offer(q, "flooder", Lane.NEW, "f0", "f1", "f2");
        q.offer("honest", Lane.NEW, "fill");
        // full: an honest !auth displaces the flooder's oldest request, not the honest !fill
        assertThat(q.offer("honest", Lane.OTHER, "auth")).isTrue();
        // another new request displaces the flooder's (still the busiest) oldest again
        assertThat(q.offer("third", Lane.NEW, "t0")).isTrue();
        assertThat(q.shed()).isEqualTo(2);
        assertThat(drain(q)).containsExactly("auth", "t0", "fill", "f2");
    }

    @Test
    void newMessagesNeverDisplaceOtherOnesAndSessionsHaveTheirOwnRoom() {
        InboundShedder<String, String> q = new InboundShedder<>(2, 1);
        offer(q, "a", Lane.OTHER, "a0");
        offer(q, "b", Lane.OTHER, "b0");
        assertThat(q.offer("c", Lane.NEW, "c0")).isFalse();
        assertThat(q.offer("c", Lane.OTHER, "c1")).isTrue(); // displaces the oldest OTHER message
        assertThat(q.offer("t", Lane.SESSION, "tx")).isTrue(); // full queue: a session still gets in
        assertThat(q.offer("t", Lane.SESSION, "tx again")).isFalse(); // its own bound
        assertThat(q.shed()).isEqualTo(3);
        assertThat(q.size()).isEqualTo(3);
        assertThat(drain(q)).containsExactly("tx", "b0", "c1");
    }
}
