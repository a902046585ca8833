package jm.demo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jm.demo.market.DemoConfig;
import jm.demo.market.DemoMarket;
import jm.demo.market.DemoMaker;
import jm.demo.scenario.CoinJoinResult;
import jm.demo.scenario.DemoScenario;
import jm.demo.scenario.MakerShare;
import jm.demo.tor.DemoTor;
import jm.demo.tor.PrivateTorNetwork;
import jm.net.channel.MessageChannelConfig;
import jm.net.tor.OnionRequest;
import jm.net.tor.OnionService;
import jm.net.tor.TorControlClient;
import jm.net.transport.Endpoint;
import jm.net.transport.SocksProxy;
import jm.core.Sats;
import jm.demo.market.Route;
import jm.taker.session.CoinJoinRequest;
import jm.wallet.Wallet;
import jm.wallet.coins.WalletCoin;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole market over a private Tor network: the directory on a persistent onion service,
 * makers on ephemeral onions with PoW defence, taker and makers only through SOCKS; the three
 * demo CoinJoins. Then Tor-specific failures on the same network. Needs Debian's tor (CI installs
 * it); skipped without it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(400)
class TorMarketEndToEndTest extends StandardDemoRun {
    static final int MAKERS = 3;

    final AtomicReference<DemoMarket> marketRef = new AtomicReference<>();
    /** Armed by the last test: the first maker to receive !tx loses its onion service, then its process. */
    final MakerDisappearsEndToEndTest.VanishOnTx vanish = new MakerDisappearsEndToEndTest.VanishOnTx(false,
            i -> marketRef.get().tor().orElseThrow().dropMakerOnion(i));

    @BeforeAll
    void runTheDemoOverTor(@TempDir Path dir) throws Exception {
        assumeTrue(PrivateTorNetwork.available(), "tor and tor-gencert are not installed (apt-get install tor)");
        runStandard(DemoConfig.of(dir, MAKERS).withTor(true), vanish, marketRef::set);
        output.forEach(System.out::println);
    }

    @Test
    @Order(1)
    void threeCoinJoinsConfirmOverOnionServices() {
        assertThat(summary.success()).as(String.join("\n", output)).isTrue();
        assertThat(summary.coinJoins()).hasSize(3).allMatch(CoinJoinResult::success);
        assertThat(market.directoryHostPort()).matches("[a-z2-7]{56}\\.onion:5222");
        assertThat(market.directoryKeyFile()).exists();
        for (DemoMaker m : market.makers()) {
            assertThat(m.bot().location().toWire()).as(m.name()).matches("[a-z2-7]{56}\\.onion:5222");
        }
        // direct connections over onion services happened (a maker whose onion is briefly unreachable,
        // e.g. while its descriptor is re-published, is reached through the directory instead)
        assertThat(summary.coinJoins().get(0).makers()).hasSize(MAKERS);
        assertThat(java.util.stream.Stream.of(summary.coinJoins().get(0), summary.coinJoins().get(2))
                .flatMap(r -> r.makers().stream())).anyMatch(MakerShare::direct);
        assertThat(summary.coinJoins().get(1).makers()).noneMatch(MakerShare::direct);
        assertThat(market.offerVisible()).hasSize(MAKERS);
        System.out.println(figures());
    }

    /** The figures for the closing note (compare DemoEndToEndTest's loopback line in the same build). */
    String figures() {
        DemoTor tor = market.tor().orElseThrow();
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "FIGURES tor: bootstrap %.1f s",
                tor.network().bootstrapTime().toMillis() / 1000.0));
        market.makers().forEach(m -> b.append(String.format(java.util.Locale.ROOT, ", %s offer visible %.2f s",
                m.name(), market.offerVisible().get(m.nick()).toMillis() / 1000.0)));
        summary.coinJoins().forEach(r -> b.append(String.format(java.util.Locale.ROOT, ", %s%s !fill-to-broadcast %.2f s",
                r.route().name().toLowerCase(java.util.Locale.ROOT), r.sweep() ? " sweep" : "",
                r.fillToBroadcast().orElseThrow().toMillis() / 1000.0)));
        return b.toString();
    }

    /** Every coin of the wallet is free (no reservation left behind by a failed CoinJoin). */
    static void assertNoReservedCoins(Wallet w) {
        List<WalletCoin> coins = w.coins();
        assertThat(coins).isNotEmpty();
        assertThat(coins).noneMatch(c -> w.isReserved(c.outpoint()));
    }

    long takerTotal() {
        return market.takerWallet().balances().stream().mapToLong(b -> b.total().value()).sum();
    }

    CoinJoinRequest oneMillion() {
        return new CoinJoinRequest(Sats.of(1_000_000), 1, Optional.empty(), OptionalInt.of(2));
    }

    @Test
    @Order(2)
    void aDirectoryOnionThatIsGoneAtStartEndsWithTorsReasonAndNoReservedCoin() throws Exception {
        DemoTor tor = market.tor().orElseThrow();
        String gone;
        try (TorControlClient c = tor.takerTor().openControl(new SecureRandom())) { // publish, then withdraw
            OnionService s = c.addOnion(OnionRequest.ephemeral(new InetSocketAddress("127.0.0.1", 9)));
            c.delOnion(s.serviceId());
            gone = s.hostname();
        }
        market.resyncAll();
        long before = takerTotal();
        MessageChannelConfig cfg = MessageChannelConfig.tor("regtest", List.of(new Endpoint(gone, 5222)),
                tor.takerSocks());

        assertThatThrownBy(() -> market.coinJoin(Route.DIRECT, oneMillion(), market.takerConfig(), (p, m) -> { },
                cfg, Duration.ofSeconds(45)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the taker reached no directory in 45 s over Tor")
                .hasMessageContaining(gone + ":5222")
                .hasMessageContaining("onion service descriptor not found");
        assertNoReservedCoins(market.takerWallet());
        assertThat(takerTotal()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aTakerSocksConnectThatTimesOutEndsWithAClearMessageAndNoReservedCoin() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket hanging = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> { // accepts TCP and never says a SOCKS word
                try {
                    while (true) {
                        held.add(hanging.accept());
                    }
                } catch (java.io.IOException closed) {
                    // test over
                }
            }, "hanging-socks");
            acceptor.setDaemon(true);
            acceptor.start();
            long before = takerTotal();
            MessageChannelConfig cfg = MessageChannelConfig.tor("regtest", List.of(Endpoint.parse(
                    market.directoryHostPort())), SocksProxy.noAuth(new InetSocketAddress("127.0.0.1",
                    hanging.getLocalPort()))).withConnectTimeout(Duration.ofSeconds(2));

            assertThatThrownBy(() -> market.coinJoin(Route.DIRECT, oneMillion(), market.takerConfig(), (p, m) -> { },
                    cfg, Duration.ofSeconds(8)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the taker reached no directory in 8 s over Tor")
                    .hasMessageContaining("SOCKS5 proxy 127.0.0.1:" + hanging.getLocalPort()
                            + " did not complete the connection within the connect timeout");
            assertNoReservedCoins(market.takerWallet());
            assertThat(takerTotal()).isEqualTo(before);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    @Order(4)
    void aMakerWhoseOnionDisappearsMidSessionIsDroppedAndTheCoinJoinCompletesWithoutIt() throws Exception {
        market.mine(5); // the taker's change from earlier rounds matures for a PoDLE commitment
        market.resyncAll();
        Map<String, Long> before = new java.util.HashMap<>();
        for (DemoMaker m : market.makers()) {
            before.put(m.name(), m.totalBalance().value());
        }
        vanish.armed.set(true);
        List<String> out = new CopyOnWriteArrayList<>();
        CoinJoinResult r = new DemoScenario(market, out::add).run("CoinJoin while a maker's onion disappears",
                Route.DIRECT, new CoinJoinRequest(Sats.of(1_000_000), 1, Optional.empty(), OptionalInt.of(1)),
                market.takerConfig().withMinimumMakers(1)); // one counterparty, two spares

        assertThat(r.success()).as(String.join("\n", out)).isTrue();
        DemoMaker gone = market.makers().get(vanish.vanished.get());
        assertThat(r.dropped()).containsKey(gone.nick().value());
        assertThat(r.dropped().get(gone.nick().value())).isNotBlank();
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(r.makers()).hasSize(1).extracting(MakerShare::name).doesNotContain(gone.name());
        assertThat(r.equalOutputs()).isEqualTo(2);
        for (MakerShare s : r.makers()) {
            assertThat(s.balanceChange()).as(s.name()).isEqualTo(s.cjFee() - s.txFee());
        }
        assertThat(out).anyMatch(l -> l.contains("dropped:") && l.contains(gone.nick().value()));
        gone.wallet().sync(gone.chain());
        assertThat(gone.totalBalance().value()).isEqualTo(before.get(gone.name()));
        assertNoReservedCoins(market.takerWallet());
        System.out.println(String.join("\n", out));
    }
}
