package jm.tumbler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jm.tumbler.plan.ScheduleEntry;
import jm.tumbler.plan.StepAmount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class TumbleStateStoreTest {
    @TempDir
    Path dir;

    public static TumbleState sample() {
        StepState a = StepState.planned(new ScheduleEntry(0, StepAmount.SWEEP, 9, "INTERNAL", 1.5, 16))
                .started(5_000_000, 0).sent("ab".repeat(32), Optional.of("0200")).withResult(4_990_000, 321)
                .confirmed(Instant.parse("2026-12-06T01:00:00Z"));
        StepState b = StepState.planned(new ScheduleEntry(1, new StepAmount.Fraction(0.25), 8, "INTERNAL", 0.5, 2))
                .started(4_990_000, 1_200_000).failed("maker timeout");
        StepState c = StepState.planned(new ScheduleEntry(2, new StepAmount.Fixed(300_000), 7, "bcrt1qdest", 0, 16));
        return new TumbleState("alice", Instant.parse("2026-12-06T00:00:00Z"), List.of("bcrt1qdest", "x", "y"),
                List.of(a, b, c), Optional.of(Instant.parse("2026-12-06T01:01:30Z")));
    }

    @Test
    void savesAndLoadsEveryFieldInAnOwnerOnlyFile() throws Exception {
        Path f = TumbleStateStore.fileFor(dir, "alice");
        TumbleStateStore store = new TumbleStateStore(f);
        store.save(sample());
        assertThat(store.load()).isEqualTo(sample());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        assertThat(f).isEqualTo(dir.resolve("tumbler").resolve("alice.json"));
    }

    @Test
    void refusesAMalformedFileSayingWhatIsWrong() throws Exception {
        Path f = dir.resolve("t.json");
        TumbleStateStore store = new TumbleStateStore(f);
        Files.writeString(f, "{not json");
        assertThatThrownBy(store::load).isInstanceOf(TumbleStateStore.StateFileException.class)
                .hasMessageContaining("is not a tumble state file");
        store.save(sample());
        Files.writeString(f, Files.readString(f).replace("\"status\" : \"planned\"", "\"status\" : \"lost\""));
        assertThatThrownBy(store::load).hasMessageContaining("step 2: unknown step status 'lost'");
        store.save(sample());
        Files.writeString(f, Files.readString(f).replace("\"version\" : 1", "\"version\" : 9"));
        assertThatThrownBy(store::load).hasMessageContaining("version 9 (this jm reads version 1)");
    }
}
