package jm.tumbler.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import jm.tumbler.state.TumbleState;
import jm.tumbler.state.TumbleStateStoreTest;
import org.junit.jupiter.api.Test;

class TumbleReportTest {
    @Test
    void referenceScheduleIsOneListPerStepWithTheCompletedFlagOfTheReference() {
        TumbleState s = TumbleStateStoreTest.sample();
        s = s.withStep(2, s.step(2).started(300_000, 300_000).sent("cd".repeat(32), Optional.empty()));

        assertThat(TumbleReport.referenceSchedule(s).toString()).isEqualTo("[[0,0,9,\"INTERNAL\",1.5,16,1],"
                + "[1,0.25,8,\"INTERNAL\",0.5,2,0],[2,300000,7,\"bcrt1qdest\",0.0,16,\"" + "cd".repeat(32) + "\"]]");
    }
}
