package jm.demo.tor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jm.demo.market.DemoConfig;
import jm.demo.market.DemoMarket;
import jm.demo.market.DemoMaker;
import jm.demo.market.MakerWalletHook;
import jm.demo.scenario.CoinJoinResult;
import jm.demo.scenario.DemoScenario;
import jm.demo.scenario.DemoSummary;
import jm.demo.scenario.MakerShare;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole market over a private Tor network: the directory on a persistent onion service,
 * makers on ephemeral onions with PoW defence, taker and makers only through SOCKS; the three
 * demo CoinJoins. Then Tor-specific failures on the same network. Needs Debian's tor (CI installs
 * it); skipped without it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(400)
class TorMarketEndToEndTest {
    static final int MAKERS = 3;

    DemoMarket market;
    DemoSummary summary;
    final List<String> output = new CopyOnWriteArrayList<>();

    @BeforeAll
    void runTheDemoOverTor(@TempDir Path dir) throws Exception {
        assumeTrue(PrivateTorNetwork.available(), "tor and tor-gencert are not installed (apt-get install tor)");
        long t0 = System.nanoTime();
        market = DemoMarket.start(DemoConfig.of(dir, MAKERS).withTor(true), MakerWalletHook.NONE, output::add);
        summary = new DemoScenario(market, output::add).runStandard(Duration.ofNanos(System.nanoTime() - t0));
        output.forEach(System.out::println);
    }

    @AfterAll
    void stop() {
        if (market != null) {
            market.close();
        }
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
        CoinJoinResult direct = summary.coinJoins().get(0);
        assertThat(direct.makers()).hasSize(MAKERS).allMatch(MakerShare::direct);
        assertThat(summary.coinJoins().get(1).makers()).noneMatch(MakerShare::direct);
        assertThat(market.offerVisible()).hasSize(MAKERS);
    }
}
