package jm.net.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private final AtomicLong now = new AtomicLong(42);

    @Test
    void bansExpireAfterTheirDuration() {
        BanList bans = new BanList(Duration.ofHours(1), 10, now::get);
        bans.ban("127.0.0.1:5000");
        assertThat(bans.isBanned("127.0.0.1:5000")).isTrue();
        assertThat(bans.isBanned("127.0.0.1:5001")).isFalse();
        now.addAndGet(Duration.ofMinutes(59).toNanos());
        assertThat(bans.isBanned("127.0.0.1:5000")).isTrue();
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(bans.isBanned("127.0.0.1:5000")).isFalse();
    }

    @Test
    void banListIsBoundedDroppingTheOldest() {
        BanList bans = new BanList(Duration.ofHours(1), 2, now::get);
        bans.ban("a");
        bans.ban("b");
        bans.ban("c");
        assertThat(bans.size()).isEqualTo(2);
        assertThat(bans.isBanned("a")).isFalse();
        assertThat(bans.isBanned("c")).isTrue();
    }
}
