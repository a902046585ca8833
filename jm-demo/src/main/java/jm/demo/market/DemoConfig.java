package jm.demo.market;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What the demo market looks like.
 *
 * @param root          state directory: {@code regtest-node/}, {@code wallets/}, {@code makers/<name>/},
 *                      {@code taker/}; laid out like a jm data directory so that {@code jm wallet
 *                      --data-dir root} works against it
 * @param makers        number of maker bots (1..20)
 * @param makerTimeout  taker's per-phase maker timeout ({@code maker_timeout_sec})
 * @param orderWaitCap  upper bound of the taker's orderbook wait; the wait ends earlier, as soon as
 *                      every running maker has answered
 * @param tor           run the market over a private Tor network started by the demo (onion
 *                      services and SOCKS, as on mainnet) instead of plain TCP on loopback
 */
public record DemoConfig(Path root, int makers, Duration makerTimeout, Duration orderWaitCap, boolean tor) {
    public static final int MAX_MAKERS = 20;

    public DemoConfig {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(makerTimeout, "makerTimeout");
        Objects.requireNonNull(orderWaitCap, "orderWaitCap");
        if (makers < 1 || makers > MAX_MAKERS) {
            throw new IllegalArgumentException("makers must be 1.." + MAX_MAKERS + ": " + makers);
        }
        if (makerTimeout.isNegative() || makerTimeout.isZero() || orderWaitCap.isNegative() || orderWaitCap.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** Plain TCP on loopback. */
    public DemoConfig(Path root, int makers, Duration makerTimeout, Duration orderWaitCap) {
        this(root, makers, makerTimeout, orderWaitCap, false);
    }

    /** Demo defaults: tight loopback timeouts. */
    public static DemoConfig of(Path root, int makers) {
        return new DemoConfig(root, makers, Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    public DemoConfig withMakerTimeout(Duration d) {
        return new DemoConfig(root, makers, d, orderWaitCap, tor);
    }

    /** The same market over a private Tor network ({@code jm demo --tor}). */
    public DemoConfig withTor(boolean t) {
        return new DemoConfig(root, makers, makerTimeout, orderWaitCap, t);
    }
}
