package jm.net.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private final AtomicLong now = new AtomicLong(42);

    @Test
    void tokenBucketAllowsTheBurstThenTheRate() {
        TokenBucket b = new TokenBucket(5, 20, now::get);
        int ok = 0;
        for (int i = 0; i < 100; i++) {
            if (b.tryTake()) {
                ok++;
            }
        }
        assertThat(ok).isEqualTo(20);
        now.addAndGet(Duration.ofMillis(400).toNanos());
        assertThat(b.tryTake()).isTrue();
        assertThat(b.tryTake()).isTrue();
        assertThat(b.tryTake()).isFalse();
        now.addAndGet(Duration.ofHours(1).toNanos());
        ok = 0;
        for (int i = 0; i < 100; i++) {
            if (b.tryTake()) {
                ok++;
            }
        }
        assertThat(ok).isEqualTo(20);
    }

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
