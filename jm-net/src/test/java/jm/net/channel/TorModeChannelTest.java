package jm.net.channel;

import static jm.net.channel.Recorder.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jm.core.crypto.NickKey;
import jm.core.wire.OnionLocation;
import jm.net.testing.FakeDirectory;
import jm.net.testing.TestSocks5Server;
import jm.net.testing.TestTor;
import jm.net.tor.OnionRequest;
import jm.net.tor.TorAuth;
import jm.net.tor.TorControlClient;
import jm.net.transport.Endpoint;
import jm.net.transport.SocksProxy;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tor mode: SOCKS5 with stream isolation (local test proxy) and the onion direct server (real tor). */
class TorModeChannelTest extends ChannelTestSupport {
    @TempDir
    Path tmp;

    @Test
    void reachesDirectoriesAndPeersThroughSocksWithIsolatedCredentials() throws Exception {
        String dirOnion = "d".repeat(56) + ".onion";
        String makerOnion = "m".repeat(56) + ".onion";
        Recorder makerRec = new Recorder();
        OverTor mt = makerAndTaker(dirOnion, makerOnion, makerRec, Optional.empty());

        ChannelId.Direct direct = mt.taker().connectDirect(mt.maker().nick(), new OnionLocation(makerOnion, 5222))
                .get(10, TimeUnit.SECONDS);
        mt.taker().sendPrivate(mt.maker().nick(), "fill", "0 100000 ab P1");
        assertThat(take(makerRec.privates).via()).isInstanceOf(ChannelId.Direct.class);
        assertThat(mt.taker().route(mt.maker().nick())).isEqualTo(direct);

        List<TestSocks5Server.Request> reqs = new ArrayList<>();
        mt.socks().requests().drainTo(reqs);
        assertThat(reqs).hasSize(3).allSatisfy(r -> {
            assertThat(r.addressType()).isEqualTo(Socks5AddressType.DOMAIN);
            assertThat(r.username()).startsWith("jm-");
        });
        TestSocks5Server.Request makerDir = reqs.get(0);
        TestSocks5Server.Request takerDir = reqs.get(1);
        TestSocks5Server.Request takerPeer = reqs.get(2);
        assertThat(makerDir.host()).isEqualTo(dirOnion);
        assertThat(makerDir.username()).isEqualTo("jm-directory-" + dirOnion + ":5222");
        assertThat(takerPeer.host()).isEqualTo(makerOnion);
        assertThat(takerPeer.username()).isEqualTo("jm-peer-" + makerOnion); // one circuit group per peer
        // Same purpose, different processes: different passwords, so Tor never shares circuits.
        assertThat(makerDir.password()).isNotEqualTo(takerDir.password());
        assertThat(takerDir.password()).isEqualTo(takerPeer.password());
    }

    /** A maker and a taker, both started, reaching their directory and each other through {@link #socks}. */
    private record OverTor(TestSocks5Server socks, OnionMessageChannel maker, OnionMessageChannel taker) {
    }

    /**
     * A maker and a taker over a fresh test proxy: the directory and the maker reachable under the
     * given onion names; {@code connectTimeout} replaces Tor mode's default if given.
     */
    private OverTor makerAndTaker(String dirOnion, String makerOnion, Recorder makerRec,
            Optional<Duration> connectTimeout) throws Exception {
        TestSocks5Server socks = closing(TestSocks5Server.start(runtime));
        FakeDirectory dir = closing(FakeDirectory.start(runtime, "signet"));
        socks.route(dirOnion, new InetSocketAddress("127.0.0.1", dir.endpoint().port()));
        MessageChannelConfig tor = MessageChannelConfig.tor("signet", List.of(new Endpoint(dirOnion, 5222)),
                SocksProxy.noAuth(socks.address()));
        MessageChannelConfig cfg = connectTimeout.map(tor::withConnectTimeout).orElse(tor);
        OnionMessageChannel maker = closing(OnionMessageChannel.builder(cfg, NickKey.random(RANDOM), runtime,
                listenerThread, makerRec).serving(DirectServing.local(new InetSocketAddress("127.0.0.1", 0))).build());
        maker.start().get(10, TimeUnit.SECONDS);
        maker.awaitDirectory().get(10, TimeUnit.SECONDS);
        socks.route(makerOnion, maker.serverAddress().orElseThrow());
        OnionMessageChannel taker = closing(OnionMessageChannel.builder(cfg, NickKey.random(RANDOM), runtime,
                listenerThread, new Recorder()).build());
        taker.start().get(10, TimeUnit.SECONDS);
        taker.awaitDirectory().get(10, TimeUnit.SECONDS);
        return new OverTor(socks, maker, taker);
    }

    @Test
    void retriesAFreshOnionWhoseDescriptorIsNotFoundYet() throws Exception {
        String makerOnion = "n".repeat(56) + ".onion";
        OverTor mt = makerAndTaker("e".repeat(56) + ".onion", makerOnion, new Recorder(),
                Optional.of(Duration.ofSeconds(30)));
        mt.socks().failNext(makerOnion, 0xF0, 2); // Tor: descriptor not uploaded yet, twice

        ChannelId.Direct d = mt.taker().connectDirect(mt.maker().nick(), new OnionLocation(makerOnion, 5222))
                .get(20, TimeUnit.SECONDS);

        assertThat(mt.taker().route(mt.maker().nick())).isEqualTo(d);
        assertThat(mt.socks().requests().stream().filter(r -> r.host().equals(makerOnion)).count()).isEqualTo(3);
    }

    @Test
    void aDirectConnectThatKeepsFailingReportsTorsReasonInWords() throws Exception {
        String makerOnion = "p".repeat(56) + ".onion";
        OverTor mt = makerAndTaker("f".repeat(56) + ".onion", makerOnion, new Recorder(),
                Optional.of(Duration.ofSeconds(4)));
        mt.socks().failNext(makerOnion, 0xF2, 100); // introduction keeps failing: the maker is offline

        assertThatThrownBy(() -> mt.taker().connectDirect(mt.maker().nick(), new OnionLocation(makerOnion, 5222))
                .get(20, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(io.netty.handler.proxy.ProxyConnectException.class)
                .hasMessageContaining("onion service introduction failed")
                .hasMessageContaining("SOCKS reply 0xF2");
        assertThat(mt.taker().directTo(mt.maker().nick())).isEmpty();
    }

    @Test
    void aDirectoryBehindASocksProxyThatNeverAnswersIsReportedAsSuch() throws Exception {
        TestSocks5Server socks = closing(TestSocks5Server.start(runtime));
        String dirOnion = "g".repeat(56) + ".onion";
        socks.stall(dirOnion);
        OnionMessageChannel taker = closing(OnionMessageChannel.builder(MessageChannelConfig.tor("signet",
                        List.of(new Endpoint(dirOnion, 5222)), SocksProxy.noAuth(socks.address()))
                        .withConnectTimeout(Duration.ofMillis(500)), NickKey.random(RANDOM), runtime, listenerThread,
                new Recorder()).build());
        taker.start().get(10, TimeUnit.SECONDS);

        String key = dirOnion + ":5222";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!taker.directoryFailures().containsKey(key) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // polls a map
        }
        assertThat(taker.directoryFailures().get(key)).contains("SOCKS5 proxy 127.0.0.1:" + socks.address().getPort(),
                "did not complete the connection within the connect timeout");
        assertThat(taker.awaitDirectory()).isNotDone();
    }

    @Test
    void servesDirectConnectionsBehindAnEphemeralOnionAndRemovesItOnStop() throws Exception {
        Optional<Path> bin = TestTor.find();
        assumeTrue(bin.isPresent(), "tor binary not installed");
        TestTor tor = closing(TestTor.start(bin.get(), tmp.resolve("tor"), List.of("--CookieAuthentication", "1")));
        List<TorControlClient> opened = new ArrayList<>();
        DirectServing.Onion onion = new DirectServing.Onion(new InetSocketAddress("127.0.0.1", 0), () -> {
            try {
                TorControlClient c = TorControlClient.connect(tor.controlAddress(), Duration.ofSeconds(10), RANDOM);
                c.authenticate(new TorAuth.Cookie(Optional.empty()));
                opened.add(c);
                return c;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Optional.of(OnionRequest.PowDefense.enabled()));
        OnionMessageChannel maker = OnionMessageChannel.builder(
                MessageChannelConfig.tor("regtest", List.of(), SocksProxy.noAuth(new InetSocketAddress("127.0.0.1", 9))),
                NickKey.random(RANDOM), runtime, listenerThread, new Recorder()).serving(onion).build();
        maker.start().get(20, TimeUnit.SECONDS);
        assertThat(maker.ownLocation()).isInstanceOf(OnionLocation.class);
        OnionLocation loc = (OnionLocation) maker.ownLocation();
        assertThat(loc.port()).isEqualTo(5222);
        String id = loc.host().substring(0, 56);
        assertThat(opened.get(0).getInfo("onions/current")).contains(id);
        maker.stop().get(20, TimeUnit.SECONDS);
        // The control connection is closed after DEL_ONION.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> opened.get(0).getInfo("version"))
                .isInstanceOf(IOException.class);
    }
}
