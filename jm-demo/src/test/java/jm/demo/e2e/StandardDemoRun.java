package jm.demo.e2e;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import jm.demo.market.DemoConfig;
import jm.demo.market.DemoMarket;
import jm.demo.market.MakerWalletHook;
import jm.demo.scenario.DemoScenario;
import jm.demo.scenario.DemoSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class that runs the demo's standard scenario once and then checks what it left: the
 * market (closed after the class), the scenario's summary and every line of output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StandardDemoRun {
    DemoMarket market;
    DemoSummary summary;
    final List<String> output = new CopyOnWriteArrayList<>();

    /** Starts the market and runs the standard scenario; {@code started} sees the market before the scenario. */
    void runStandard(DemoConfig config, MakerWalletHook hook, Consumer<DemoMarket> started) throws Exception {
        long t0 = System.nanoTime();
        market = DemoMarket.start(config, hook, output::add);
        started.accept(market);
        summary = new DemoScenario(market, output::add).runStandard(Duration.ofNanos(System.nanoTime() - t0));
    }

    @AfterAll
    void stop() {
        if (market != null) {
            market.close();
        }
    }
}
