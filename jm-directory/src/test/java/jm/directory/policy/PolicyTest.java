package jm.directory.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyTest {
    @Test
    void bucketAllowsBurstThenRefillsAtRate() {
        long t = 0;
        TokenBucket b = new TokenBucket(500, 1_000, t);
        int ok = 0;
        for (int i = 0; i < 1_500; i++) {
            if (b.tryTake(t)) {
                ok++;
            }
        }
        assertThat(ok).isEqualTo(1_000);
        t += 100_000_000L; // 100 ms -> 50 tokens
        ok = 0;
        for (int i = 0; i < 100; i++) {
            if (b.tryTake(t)) {
                ok++;
            }
        }
        assertThat(ok).isEqualTo(50);
    }

    @Test
    void bansExpireAndListStaysBounded() {
        BanList bans = new BanList(2);
        assertThat(bans.ban("ip:1", 1_000, 0)).isTrue();
        assertThat(bans.ban("ip:2", 5_000, 0)).isTrue();
        assertThat(bans.ban("ip:3", 5_000, 0)).isFalse();
        assertThat(bans.isBanned("ip:1", 999)).isTrue();
        assertThat(bans.isBanned("ip:1", 1_000)).isFalse();
        assertThat(bans.ban("ip:3", 5_000, 1_000)).isTrue();
        assertThat(bans.isBanned("ip:3", 4_999)).isTrue();
    }
}
