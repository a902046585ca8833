package jm.taker.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhaseMachineTest {

    @Test
    void walksTheHappyPathInOrder() {
        PhaseMachine m = new PhaseMachine();
        Phase[] path = {Phase.ORDERBOOK, Phase.FILL, Phase.AUTH, Phase.TX, Phase.SIG, Phase.BROADCAST,
                Phase.CONFIRMATION, Phase.DONE};
        for (Phase next : path) {
            m.transition(m.current(), next);
        }
        assertThat(m.finished()).isTrue();
    }

    @Test
    void aFailedSignatureRoundRestartsWithAFillNotAnAuth() {
        assertThat(PhaseMachine.legal(Phase.SIG, Phase.FILL)).isTrue();
        assertThat(PhaseMachine.legal(Phase.SIG, Phase.AUTH)).isFalse();
    }

    @Test
    void refusesASkippedPhaseAStaleFromAndAnyStepAfterTheEnd() {
        PhaseMachine m = new PhaseMachine();
        assertThatThrownBy(() -> m.transition(Phase.PREFLIGHT, Phase.SIG)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("illegal transition PREFLIGHT -> SIG");
        assertThatThrownBy(() -> m.transition(Phase.ORDERBOOK, Phase.FILL)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("while in PREFLIGHT");
        m.transition(Phase.PREFLIGHT, Phase.FAILED);
        for (Phase p : Phase.values()) {
            assertThat(PhaseMachine.legal(Phase.FAILED, p)).isFalse();
            assertThat(PhaseMachine.legal(Phase.DONE, p)).isFalse();
        }
    }

    @Test
    void everyUnfinishedPhaseMayFail() {
        for (Phase p : Phase.values()) {
            if (p != Phase.DONE && p != Phase.FAILED) {
                assertThat(PhaseMachine.legal(p, Phase.FAILED)).as(p.name()).isTrue();
            }
        }
    }
}
