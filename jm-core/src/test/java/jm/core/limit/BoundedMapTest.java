package jm.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedMapTest {
    @Test
    void aBoundedMapKeepsOnlyItsNewestEntriesOldestFirst() {
        BoundedMap<Integer, String> m = new BoundedMap<>(3, false);
        for (int i = 0; i < 10; i++) {
            m.put(i, "v" + i);
        }
        assertThat(m.keySet()).containsExactly(7, 8, 9);
        BoundedMap<Integer, String> byAccess = new BoundedMap<>(2, true);
        byAccess.put(1, "a");
        byAccess.put(2, "b");
        byAccess.get(1);
        byAccess.put(3, "c");
        assertThat(byAccess.keySet()).containsExactly(1, 3);
    }
}
