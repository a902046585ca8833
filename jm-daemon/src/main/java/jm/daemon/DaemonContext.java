package jm.daemon;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import jm.chain.ChainBackend;
import jm.core.Network;
import jm.maker.bot.MakerSettings;
import jm.net.channel.DirectServing;
import jm.net.channel.MessageChannelConfig;
import jm.orderbook.watch.MarketSource;
import jm.taker.client.TakerClient;
import jm.taker.session.TakerConfig;
import jm.wallet.coins.MergeAlgorithm;
import jm.wallet.store.KdfParams;

/**
 * What the daemon needs from its surroundings, built by {@code jm daemon} from flags and
 * config.toml (and by tests from a demo market).
 *
 * @param dataDir   wallets in {@code wallets/}, the TLS certificate in {@code ssl/}, makers' files in
 *                  {@code makers/<wallet>/}
 * @param network   the chain new wallets are created for
 * @param kdf       key derivation for new wallet files
 * @param backends  connects to the node for one wallet (its watch-only node wallet)
 * @param makers    how a maker of one wallet joins the market; the request's fees and sizes override
 *                  its settings
 * @param takers    how a taker CoinJoin of one wallet reaches the market, and its settings
 * @param orderbook the orderbook watcher behind {@code /obwatch/orderbook.json}, if one runs
 * @param config    what {@code configget} answers (section to field to value), the reference's
 *                  joinmarket.cfg names
 */
public record DaemonContext(Path dataDir, Network network, KdfParams kdf, int gapLimit,
                            Function<String, ChainBackend> backends, Function<String, MakerPlan> makers,
                            Function<String, TakerPlan> takers, Optional<MarketSource> orderbook, Map<String, Map<String, String>> config) {

    public ChainBackend connect(String walletName) {
        return backends.apply(walletName);
    }

    public MakerPlan makerPlan(String walletName) {
        return makers.apply(walletName);
    }

    public TakerPlan takerPlan(String walletName) {
        return takers.apply(walletName);
    }

    /**
     * How a taker of one wallet joins the market: the client settings (channel, own nicks), the
     * CoinJoin settings (the daemon's {@code max_cj_fee_*} values replace its fee limits) and the
     * file of PoDLE commitments already used.
     */
    public record TakerPlan(TakerClient.Settings client, TakerConfig config, Path usedCommitments) {
    }

    /** Where a maker of one wallet joins the market from. */
    public record MakerPlan(MessageChannelConfig channel, DirectServing serving, MakerSettings settings,
                            MergeAlgorithm merge, Path dataDir) {
    }
}
