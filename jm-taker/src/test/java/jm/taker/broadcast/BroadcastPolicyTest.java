package jm.taker.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import jm.core.Nick;
import org.junit.jupiter.api.Test;

class BroadcastPolicyTest {
    private static final List<Nick> MAKERS = List.of(new Nick("J5AAAAAAAAAAAAAA"), new Nick("J5BBBBBBBBBBBBBB"),
            new Nick("J5CCCCCCCCCCCCCC"), new Nick("J5DDDDDDDDDDDDDD"));

    @Test
    void selfBroadcastsOnlyOurselves() {
        assertThat(BroadcastPolicy.SELF.plan(MAKERS, new Random(1))).containsExactly(new BroadcastPolicy.Step(List.of()));
    }

    @Test
    void randomPeerPicksAmongMakersAndSelfAndAlwaysEndsWithSelf() {
        Random rng = new Random(2);
        int selfOnly = 0;
        for (int i = 0; i < 1000; i++) {
            List<BroadcastPolicy.Step> plan = BroadcastPolicy.RANDOM_PEER.plan(MAKERS, rng);
            assertThat(plan.get(plan.size() - 1).self()).isTrue();
            if (plan.size() == 1) {
                selfOnly++;
            } else {
                assertThat(plan.get(0).peers()).hasSize(1);
            }
        }
        assertThat(selfOnly).isBetween(140, 260); // 1 in 5
    }

    @Test
    void notSelfNeverBroadcastsOurselvesAndTriesEveryMaker() {
        List<BroadcastPolicy.Step> plan = BroadcastPolicy.NOT_SELF.plan(MAKERS, new Random(3));
        assertThat(plan).noneMatch(BroadcastPolicy.Step::self);
        assertThat(plan.stream().flatMap(s -> s.peers().stream())).containsExactlyInAnyOrderElementsOf(MAKERS);
    }

    @Test
    void multiplePeersPushesToThreeThenSelf() {
        List<BroadcastPolicy.Step> plan = BroadcastPolicy.MULTIPLE_PEERS.plan(MAKERS, new Random(4));
        assertThat(plan).hasSize(2);
        assertThat(plan.get(0).peers()).hasSize(3).doesNotHaveDuplicates();
        assertThat(plan.get(1).self()).isTrue();
    }

    @Test
    void parsesConfigNames() {
        assertThat(BroadcastPolicy.fromConfigName("random-peer")).contains(BroadcastPolicy.RANDOM_PEER);
        assertThat(BroadcastPolicy.fromConfigName("not_self")).contains(BroadcastPolicy.NOT_SELF);
        assertThat(BroadcastPolicy.fromConfigName("everyone")).isEmpty();
    }
}
