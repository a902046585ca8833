package jm.daemon;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import jm.chain.ChainBackend;
import jm.core.Network;
import jm.maker.bot.MakerSettings;
import jm.net.channel.DirectServing;
import jm.net.channel.MessageChannelConfig;
import jm.orderbook.watch.MarketSource;
import jm.wallet.coins.MergeAlgorithm;
import jm.wallet.store.KdfParams;

/**
 * What the daemon needs from its surroundings, built by {@code jm daemon} from flags and
 * config.toml (and by tests from a demo market): where wallets live, how to reach the node and the
 * directories, and the settings a maker starts from.
 */
public interface DaemonContext {
    /** The data directory: wallets in {@code wallets/}, the TLS certificate in {@code ssl/}. */
    Path dataDir();

    /** The chain wallets are created for. */
    Network network();

    /** Key derivation for new wallet files. */
    KdfParams kdf();

    int gapLimit();

    /** Connects to the node for one wallet (its watch-only node wallet). */
    ChainBackend connect(String walletName);

    /** How a maker of this wallet joins the market; the request's fees and sizes override {@code settings}. */
    MakerPlan makerPlan(String walletName);

    /** The orderbook watcher behind {@code /obwatch/orderbook.json}, if one runs. */
    Optional<MarketSource> orderbook();

    /** The values {@code configget} answers (section to field to value), as the reference's joinmarket.cfg. */
    Map<String, Map<String, String>> config();

    /** Where a maker of one wallet joins the market from. */
    record MakerPlan(MessageChannelConfig channel, DirectServing serving, MakerSettings settings,
                     MergeAlgorithm merge, Path dataDir) {
    }
}
