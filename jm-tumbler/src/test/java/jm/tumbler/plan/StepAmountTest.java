package jm.tumbler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StepAmountTest {
    @ParameterizedTest
    @CsvSource({"123456789,1,100000000", "123456789,2,120000000", "123456789,5,123460000", "125000,2,120000",
            "135000,2,140000", "999,2,1000", "123456789,16,123456789", "42,5,42"})
    void roundsToSignificantFiguresHalfEven(long sats, int figures, long expected) {
        assertThat(StepAmount.roundToSignificantFigures(sats, figures)).isEqualTo(expected);
    }

    @Test
    void aFractionIsTruncatedRoundedThenRaisedToTheMinimum() {
        StepAmount f = new StepAmount.Fraction(0.25);
        assertThat(f.resolve(1_000_003, ScheduleEntry.NO_ROUNDING, 100_000)).isEqualTo(250_000);
        assertThat(f.resolve(1_234_567, 2, 100_000)).isEqualTo(310_000);
        assertThat(f.resolve(200_000, ScheduleEntry.NO_ROUNDING, 100_000)).isEqualTo(100_000);
        assertThat(StepAmount.SWEEP.resolve(1_000_000, 2, 100_000)).isZero();
        assertThat(new StepAmount.Fixed(5_000).resolve(0, 16, 0)).isEqualTo(5_000);
    }
}
