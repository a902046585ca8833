package jm.net.channel;

import static jm.net.channel.Recorder.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import jm.net.transport.NetRuntime;
import jm.net.transport.SocksProxy;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tor mode: SOCKS5 with stream isolation (local test proxy) and the onion direct server (real tor). */
class TorModeChannelTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static NetRuntime runtime;
    private final ExecutorService listenerThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "listener"));
    private final List<AutoCloseable> toClose = new ArrayList<>();
    @TempDir
    Path tmp;

    @BeforeAll
    static void startRuntime() {
        runtime = NetRuntime.create(2, "tor-mode-test");
    }

    @AfterAll
    static void stopRuntime() {
        runtime.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        listenerThread.shutdownNow();
    }

    @Test
    void reachesDirectoriesAndPeersThroughSocksWithIsolatedCredentials() throws Exception {
        FakeDirectory dir = FakeDirectory.start(runtime, "signet");
        toClose.add(dir);
        TestSocks5Server socks = TestSocks5Server.start(runtime);
        toClose.add(socks);
        String dirOnion = "d".repeat(56) + ".onion";
        socks.route(dirOnion, new InetSocketAddress("127.0.0.1", dir.endpoint().port()));

        // A maker serving locally, announced to the directory under an onion name the proxy maps.
        Recorder makerRec = new Recorder();
        String makerOnion = "m".repeat(56) + ".onion";
        OnionMessageChannel maker = OnionMessageChannel.builder(
                MessageChannelConfig.tor("signet", List.of(new Endpoint(dirOnion, 5222)),
                        SocksProxy.noAuth(socks.address())),
                NickKey.random(RANDOM), runtime, listenerThread, makerRec)
                .serving(DirectServing.local(new InetSocketAddress("127.0.0.1", 0))).build();
        toClose.add(maker);
        maker.start().get(10, TimeUnit.SECONDS);
        maker.awaitDirectory().get(10, TimeUnit.SECONDS);
        socks.route(makerOnion, maker.serverAddress().orElseThrow());

        Recorder takerRec = new Recorder();
        OnionMessageChannel taker = OnionMessageChannel.builder(
                MessageChannelConfig.tor("signet", List.of(new Endpoint(dirOnion, 5222)),
                        SocksProxy.noAuth(socks.address())),
                NickKey.random(RANDOM), runtime, listenerThread, takerRec).build();
        toClose.add(taker);
        taker.start().get(10, TimeUnit.SECONDS);
        taker.awaitDirectory().get(10, TimeUnit.SECONDS);

        ChannelId.Direct direct = taker.connectDirect(maker.nick(), new OnionLocation(makerOnion, 5222))
                .get(10, TimeUnit.SECONDS);
        taker.sendPrivate(maker.nick(), "fill", "0 100000 ab P1");
        assertThat(take(makerRec.privates).via()).isInstanceOf(ChannelId.Direct.class);
        assertThat(taker.route(maker.nick())).isEqualTo(direct);

        List<TestSocks5Server.Request> reqs = new ArrayList<>();
        socks.requests().drainTo(reqs);
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

    /** A maker pair over the test proxy: directory and maker reachable under onion names. */
    private OnionMessageChannel[] makerAndTaker(TestSocks5Server socks, String dirOnion, String makerOnion,
            Recorder makerRec, java.time.Duration connectTimeout) throws Exception {
        FakeDirectory dir = FakeDirectory.start(runtime, "signet");
        toClose.add(dir);
        socks.route(dirOnion, new InetSocketAddress("127.0.0.1", dir.endpoint().port()));
        MessageChannelConfig cfg = MessageChannelConfig.tor("signet", List.of(new Endpoint(dirOnion, 5222)),
                SocksProxy.noAuth(socks.address())).withConnectTimeout(connectTimeout);
        OnionMessageChannel maker = OnionMessageChannel.builder(cfg, NickKey.random(RANDOM), runtime, listenerThread,
                makerRec).serving(DirectServing.local(new InetSocketAddress("127.0.0.1", 0))).build();
        toClose.add(maker);
        maker.start().get(10, TimeUnit.SECONDS);
        maker.awaitDirectory().get(10, TimeUnit.SECONDS);
        socks.route(makerOnion, maker.serverAddress().orElseThrow());
        OnionMessageChannel taker = OnionMessageChannel.builder(cfg, NickKey.random(RANDOM), runtime, listenerThread,
                new Recorder()).build();
        toClose.add(taker);
        taker.start().get(10, TimeUnit.SECONDS);
        taker.awaitDirectory().get(10, TimeUnit.SECONDS);
        return new OnionMessageChannel[] {maker, taker};
    }

    @Test
    void retriesAFreshOnionWhoseDescriptorIsNotFoundYet() throws Exception {
        TestSocks5Server socks = TestSocks5Server.start(runtime);
        toClose.add(socks);
        String makerOnion = "n".repeat(56) + ".onion";
        OnionMessageChannel[] mt = makerAndTaker(socks, "e".repeat(56) + ".onion", makerOnion, new Recorder(),
                Duration.ofSeconds(30));
        socks.failNext(makerOnion, 0xF0, 2); // Tor: descriptor not uploaded yet, twice

        ChannelId.Direct d = mt[1].connectDirect(mt[0].nick(), new OnionLocation(makerOnion, 5222))
                .get(20, TimeUnit.SECONDS);

        assertThat(mt[1].route(mt[0].nick())).isEqualTo(d);
        assertThat(socks.requests().stream().filter(r -> r.host().equals(makerOnion)).count()).isEqualTo(3);
    }

    @Test
    void aDirectConnectThatKeepsFailingReportsTorsReasonInWords() throws Exception {
        TestSocks5Server socks = TestSocks5Server.start(runtime);
        toClose.add(socks);
        String makerOnion = "p".repeat(56) + ".onion";
        OnionMessageChannel[] mt = makerAndTaker(socks, "f".repeat(56) + ".onion", makerOnion, new Recorder(),
                Duration.ofSeconds(4));
        socks.failNext(makerOnion, 0xF2, 100); // introduction keeps failing: the maker is offline

        assertThatThrownBy(() -> mt[1].connectDirect(mt[0].nick(), new OnionLocation(makerOnion, 5222))
                .get(20, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(io.netty.handler.proxy.ProxyConnectException.class)
                .hasMessageContaining("onion service introduction failed")
                .hasMessageContaining("SOCKS reply 0xF2");
        assertThat(mt[1].directTo(mt[0].nick())).isEmpty();
    }

    @Test
    void aDirectoryBehindASocksProxyThatNeverAnswersIsReportedAsSuch() throws Exception {
        TestSocks5Server socks = TestSocks5Server.start(runtime);
        toClose.add(socks);
        String dirOnion = "g".repeat(56) + ".onion";
        socks.stall(dirOnion);
        OnionMessageChannel taker = OnionMessageChannel.builder(MessageChannelConfig.tor("signet",
                        List.of(new Endpoint(dirOnion, 5222)), SocksProxy.noAuth(socks.address()))
                        .withConnectTimeout(Duration.ofMillis(500)), NickKey.random(RANDOM), runtime, listenerThread,
                new Recorder()).build();
        toClose.add(taker);
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
        TestTor tor = TestTor.start(bin.get(), tmp.resolve("tor"), List.of("--CookieAuthentication", "1"));
        toClose.add(tor);
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
