package jm.cli.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jm.chain.ChainBackend;
import jm.net.transport.Endpoint;
import jm.net.transport.SocksProxy;
import jm.wallet.Wallet;
import jm.wallet.WalletStorage;
import picocli.CommandLine.Mixin;

/**
 * What every market participant ({@code jm maker start}, {@code jm taker coinjoin},
 * {@code jm tumbler run|resume}) takes: the wallet it spends from, the market (directories, Tor
 * SOCKS5 proxy) and the node that watches the wallet.
 */
public final class ParticipantOptions {
    @Mixin
    WalletOptions wallet;

    @Mixin
    MarketOptions market;

    @Mixin
    RpcOptions rpc;

    /** {@code [tor]} with the {@code --socks5} flag and the Tor control flags given (null: not given). */
    public TorSettings tor(JmConfig config, String control, Path cookie) {
        return TorSettings.read(config, market.socks5(), control, cookie);
    }

    /** The Tor SOCKS5 proxy that reaches the market; empty in local mode (plain TCP). */
    public Optional<SocksProxy> socks(JmConfig config) {
        return tor(config, null, null).socksProxy();
    }

    /** The wallet, opened for a bot that writes it (see {@link WalletOptions#openForWriting}). */
    public Wallet openWallet(Path dataDir, JmConfig config, Map<String, String> env) {
        return wallet.openForWriting(WalletStorage.inDataDir(dataDir), config, env);
    }

    /** The directories: {@code --directory} flags, else {@code [network] directory_servers}. */
    public List<Endpoint> directories(JmConfig config) {
        return NetworkSettings.read(config, null, market.directories()).directoryEndpoints();
    }

    /** The market's network settings with the {@code --directory} flags. */
    public NetworkSettings network(JmConfig config) {
        return NetworkSettings.read(config, null, market.directories());
    }

    /** Connects to the node for {@code w} (its watch-only wallet there). */
    public ChainBackend connect(JmConfig config, Wallet w, Path dataDir) {
        return rpc.connect(config, w.config().network(), w.name(), dataDir);
    }
}
