package jm.directory.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import jm.core.crypto.NickKey;
import jm.directory.config.DirectoryConfig;
import jm.directory.peer.Peer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guards the per-peer memory of an idle handshaked connection (issue 21) structurally, without
 * timing: between messages a peer holds no read buffer and no timer, its pipeline holds only its
 * handler (which splits lines itself), and the per-peer records carry no caches, buffers or maps.
 */
class IdlePeerFootprintTest {
    private final FakeTime time = new FakeTime();
    private DirectoryNode node;

    @BeforeEach
    void setUp() {
        node = HeartbeatTest.node(time);
    }

    private EmbeddedChannel connection() {
        return new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel c) {
                node.initPipeline(c.pipeline());
            }
        });
    }

    private static ByteBuf pooled(String text) {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer();
        b.writeCharSequence(text, StandardCharsets.UTF_8);
        return b;
    }

    @Test
    void anIdleHandshakedPeerHoldsNoReadBufferAndNoTimer() {
        EmbeddedChannel ch = connection();
        assertThat(ch.pipeline().toMap()).hasSize(1);
        DirectoryHandler handler = ch.pipeline().get(DirectoryHandler.class);
        String nick = NickKey.random(new SecureRandom()).nick().value();
        String hello = TestClient.envelope(793,
                TestClient.handshakeLine(nick, "127.0.0.1:5300", "regtest", "{\"peerlist_features\": true}")) + "\r\n";
        // the handshake arrives in two reads: the first half waits in the decoder, then is let go
        ByteBuf first = pooled(hello.substring(0, 40));
        ByteBuf rest = pooled(hello.substring(40) + TestClient.envelope(798, "") + "\r\n");
        ch.writeInbound(first);
        assertThat(handler.bufferedBytes()).isEqualTo(40);
        ch.writeInbound(rest);
        assertThat(HeartbeatTest.drain(ch)).hasSize(2).last().asString().contains("\"type\": 799");
        assertThat(node.registry().size()).isEqualTo(1);

        assertThat(first.refCnt()).as("first read buffer released").isZero();
        assertThat(rest.refCnt()).as("second read buffer released").isZero();
        assertThat(handler.holdsReadBuffer()).as("no cumulation held while idle").isFalse();
        assertThat(ch.runScheduledPendingTasks()).as("no timer scheduled for an idle peer").isEqualTo(-1);
        assertThat(ch.pipeline().toMap()).as("only the handler, which splits lines itself").hasSize(1);
        ch.finishAndReleaseAll();
    }

    @Test
    void perPeerRecordsCarryNoCachesBuffersCollectionsOrTimers() {
        assertCompact(Peer.class, Set.of("nick", "location", "featureField", "verifiedPubKey"));
        assertCompact(DirectoryHandler.class, Set.of());
        // the message bucket every line passes is two fields, not an object per peer; only the
        // PUBMSG and !orderbook buckets are objects, made on a peer's first PUBMSG
        assertThat(java.util.Arrays.stream(DirectoryHandler.class.getDeclaredFields())
                .filter(f -> f.getType() == jm.core.limit.TokenBucket.class).map(Field::getName))
                .containsExactlyInAnyOrder("pubmsgs", "orderbooks");
    }

    @Test
    void connectionsShareOneReadHandleWhoseStateIsPerThread() throws Exception {
        try (LiveDirectory live = new LiveDirectory()) {
            DirectoryServer server = live.start(DirectoryConfig.localDefaults("regtest"), -1);
            live.client().handshakeNg("NOT-SERVING-ONION");
            live.client().handshakeNg("127.0.0.1:40011");
            List<Channel> channels = server.node().registry().all().stream().map(Peer::channel).toList();
            assertThat(channels).hasSize(2);
            RecvByteBufAllocator a = channels.get(0).config().getRecvByteBufAllocator();
            assertThat(a).isInstanceOf(SharedReadAllocator.class)
                    .isSameAs(channels.get(1).config().getRecvByteBufAllocator());
            assertThat(a.newHandle()).as("no read handle per connection").isSameAs(a.newHandle());
        }
        // what makes sharing safe: a read loop's bookkeeping belongs to the thread running it
        RecvByteBufAllocator.ExtendedHandle h =
                (RecvByteBufAllocator.ExtendedHandle) new SharedReadAllocator(2048).newHandle();
        h.reset(new EmbeddedChannel().config());
        h.lastBytesRead(100);
        int[] seenElsewhere = new int[1];
        Thread other = new Thread(() -> seenElsewhere[0] = h.lastBytesRead());
        other.start();
        other.join();
        assertThat(seenElsewhere[0]).isZero();
        assertThat(h.lastBytesRead()).isEqualTo(100);
        assertThat(h.guess()).isEqualTo(2048);
    }

    /** Instance fields: no arrays, buffers, collections, maps or futures; only the named Strings. */
    private static void assertCompact(Class<?> type, Set<String> allowedStrings) {
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            Class<?> t = f.getType();
            String what = type.getSimpleName() + "." + f.getName();
            assertThat(t.isArray()).as(what + " is an array held per peer").isFalse();
            assertThat(ByteBuf.class.isAssignableFrom(t)).as(what + " is a buffer held per peer").isFalse();
            assertThat(Collection.class.isAssignableFrom(t) || Map.class.isAssignableFrom(t))
                    .as(what + " is a collection held per peer").isFalse();
            assertThat(Future.class.isAssignableFrom(t)).as(what + " is a timer held per peer").isFalse();
            if (t == String.class) {
                assertThat(allowedStrings).as(what + " is an extra String per peer").contains(f.getName());
            }
        }
    }
}
