package jm.directory.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyTest {
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
