package jm.directory.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;

class TransportTest {
    @Test
    void autoAndEpollPickEpollWhereItLoadsAndNioElsewhere() {
        Transport expected = Epoll.isAvailable() ? Transport.EPOLL : Transport.NIO;
        assertThat(Transport.select(null)).isEqualTo(expected);
        assertThat(Transport.select("auto")).isEqualTo(expected);
        assertThat(Transport.select(" EPOLL ")).isEqualTo(expected);
        assertThat(Transport.epollUnavailableReason() == null).isEqualTo(Epoll.isAvailable());
    }

    @Test
    void nioCanBeForcedAndAnythingElseIsRefusedByName() {
        assertThat(Transport.select("nio")).isEqualTo(Transport.NIO);
        assertThatThrownBy(() -> Transport.select("kqueue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jm.directory.transport").hasMessageContaining("kqueue");
    }
}
