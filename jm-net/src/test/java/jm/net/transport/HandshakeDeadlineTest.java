package jm.net.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jm.net.transport.HandshakeDeadline.ConnectionState;
import org.junit.jupiter.api.Test;

/** The handshake deadline on a virtual clock (EmbeddedChannel time control, no waiting). */
class HandshakeDeadlineTest {
    private final List<Object> events = new ArrayList<>();

    private EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(new HandshakeDeadline(Duration.ofSeconds(30)), new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                events.add(evt);
            }
        });
        return ch;
    }

    @Test
    void closesAConnectionStillAwaitingItsHandshakeAtTheDeadline() {
        EmbeddedChannel ch = channel();
        assertThat(HandshakeDeadline.state(ch)).isEqualTo(ConnectionState.AWAITING_HANDSHAKE);
        ch.advanceTimeBy(29, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        ch.advanceTimeBy(1, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat(events).containsExactly(HandshakeDeadline.TIMED_OUT);
        assertThat(HandshakeDeadline.state(ch)).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    void keepsAConnectionThatHandshakedBeforeTheDeadline() {
        EmbeddedChannel ch = channel();
        ch.advanceTimeBy(10, TimeUnit.SECONDS);
        HandshakeDeadline.markHandshaked(ch);
        ch.runPendingTasks();
        ch.advanceTimeBy(1, TimeUnit.HOURS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        assertThat(HandshakeDeadline.isHandshaked(ch)).isTrue();
        assertThat(events).isEmpty();
    }
}
