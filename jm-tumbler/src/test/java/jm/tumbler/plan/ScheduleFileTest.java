package jm.tumbler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleFileTest {
    static final String TXID = "4d3c1b0a9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a392817060504";
    static final Function<String, Optional<String>> BCRT = a -> a.startsWith("bcrt1q") ? Optional.empty()
            : Optional.of("not a regtest address");

    /** What the reference tumbler writes to logs/TUMBLE.schedule during a run (schedule_to_text). */
    static final String REFERENCE = """
            0,0,9,INTERNAL,173.62,16,1
            1,0.6126891937389395,8,INTERNAL,12.29,16,%s
            1,0,10,INTERNAL,41.87,16,0
            2,0.4208712263416364,9,INTERNAL,87.1,3,0
            2,0,9,bcrt1qdestinationaaaaaaaaaaaaaaaaaaaaaaaaaa,33.94,16,0
            3,0,8,addrask,5.5,16,0
            4,2500000,7,bcrt1qdestinationccccccccccccccccccccccccccc,0.0,16,0
            """.formatted(TXID);

    @Test
    void readsAReferenceTumbleScheduleWithItsProgress(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("TUMBLE.schedule");
        Files.writeString(f, "# written by tumbler.py\n" + REFERENCE);
        List<ScheduleFile.Line> lines = ScheduleFile.read(f, BCRT);

        assertThat(lines).hasSize(7);
        assertThat(lines.get(0).entry()).isEqualTo(new ScheduleEntry(0, StepAmount.SWEEP, 9, "INTERNAL", 173.62, 16));
        assertThat(lines.get(0).completion()).isEqualTo(ScheduleFile.Completion.DONE);
        assertThat(lines.get(1).entry().amount()).isEqualTo(new StepAmount.Fraction(0.6126891937389395));
        assertThat(lines.get(1).completion()).isEqualTo(ScheduleFile.Completion.BROADCAST);
        assertThat(lines.get(1).txid()).contains(TXID);
        assertThat(lines.get(2).completion()).isEqualTo(ScheduleFile.Completion.PENDING);
        assertThat(lines.get(3).entry().rounding()).isEqualTo(3);
        assertThat(lines.get(4).entry().destination()).isEqualTo("bcrt1qdestinationaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assertThat(lines.get(5).entry().destination()).isEqualTo(ScheduleFile.ADDRASK);
        assertThat(lines.get(6).entry().amount()).isEqualTo(new StepAmount.Fixed(2_500_000));
        assertThat(lines.get(6).entry().waitMinutes()).isZero();
    }

    @Test
    void writesWhatItReads() {
        List<ScheduleEntry> plan = new PlanGenerator(TumbleParameters.defaults(), new Random(5))
                .generate(List.of("bcrt1qa", "bcrt1qb", "bcrt1qc"), java.util.Map.of(0, 9_000_000L), 5);
        String text = ScheduleFile.format(plan, i -> "0");
        assertThat(ScheduleFile.parse(text, BCRT)).extracting(ScheduleFile.Line::entry).containsExactlyElementsOf(plan);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0,0,9,INTERNAL,1.0,16,0\\n1,0,9,INTERNAL,1.0,16 | schedule line 2: expected 7",
            "0,1.5,9,INTERNAL,1.0,16,0 | schedule line 1: amount '1.5'",
            "0,-5,9,INTERNAL,1.0,16,0 | amount '-5'",
            "x,0,9,INTERNAL,1.0,16,0 | mixdepth 'x' is not a whole number",
            "0,0,9,tb1qwrongnet,1.0,16,0 | invalid address tb1qwrongnet: not a regtest address",
            "0,0,9,INTERNAL,soon,16,0 | wait 'soon'",
            "0,0,9,INTERNAL,1,16,2 | completed '2'",
            "0,0,0,INTERNAL,1,16,0 | maker count must be 1..50",
            "# only a comment | no CoinJoin lines"})
    void namesTheLineAndFieldOfAnythingMalformed(String text, String message) {
        assertThatThrownBy(() -> ScheduleFile.parse(text.replace("\\n", "\n"), BCRT))
                .isInstanceOf(PlanException.class).hasMessageContaining(message);
    }
}
