package jm.chain.regtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MockableClockTest {
    @Test
    void aZonedViewShowsTheSameMockTimeIncludingLaterChanges() {
        MockableClock clock = new MockableClock(Clock.fixed(Instant.ofEpochSecond(1_000), ZoneOffset.UTC));
        Clock berlin = clock.withZone(ZoneId.of("Europe/Berlin"));
        assertThat(berlin.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(berlin.instant()).isEqualTo(Instant.ofEpochSecond(1_000));
        clock.setMockTime(2_000_000_000L);
        assertThat(berlin.instant()).isEqualTo(Instant.ofEpochSecond(2_000_000_000L));
        assertThat(berlin.withZone(ZoneOffset.UTC).instant()).isEqualTo(clock.instant());
    }
}
