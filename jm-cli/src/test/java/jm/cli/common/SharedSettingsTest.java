package jm.cli.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jm.chain.rpc.RpcAuth;
import jm.core.Network;
import jm.net.transport.Endpoint;
import org.junit.jupiter.api.Test;

class SharedSettingsTest {
    static final Path DATA = Path.of("/data/jm");

    static JmConfig cfg(String toml) {
        return JmConfig.parse(toml, Map.of());
    }

    @Test
    void regtestWithNothingConfiguredUsesTheEmbeddedNodesCookie() {
        BitcoinSettings b = BitcoinSettings.read(cfg(""), Network.REGTEST, DATA, "alice", BitcoinSettings.Flags.none());
        assertThat(b.rpcUrl()).isEqualTo(URI.create("http://127.0.0.1:18443/"));
        assertThat(b.rpcConfig().auth()).isEqualTo(new RpcAuth.CookieFile(DATA.resolve("regtest-node/.cookie")));
        assertThat(b.walletName()).isEqualTo("jm-alice");
    }

    @Test
    void userAndPasswordReplaceTheCookieAndThePasswordIsRedacted() {
        BitcoinSettings b = BitcoinSettings.read(cfg("""
                [bitcoin]
                rpc_url = "http://10.1.2.3:8332/"
                rpc_user = "bob"
                rpc_password = "pa55"
                descriptor_wallet_name = "jmwatch"
                """), Network.MAINNET, DATA, "alice", BitcoinSettings.Flags.none());
        assertThat(b.rpcConfig().auth()).isEqualTo(new RpcAuth.UserPassword("bob", "pa55"));
        assertThat(b.rpcConfig().walletName()).isEqualTo("jmwatch");
        assertThat(b.toString()).doesNotContain("pa55");
    }

    @Test
    void aUserWithoutPasswordIsRejectedByName() {
        assertThatThrownBy(() -> BitcoinSettings.read(cfg("[bitcoin]\nrpc_user = \"bob\"\n"), Network.MAINNET, DATA, "a",
                BitcoinSettings.Flags.none())).isInstanceOf(ConfigException.class).hasMessageContaining("rpc_password");
    }

    @Test
    void rpcFlagsBeatTheFileAndACookieFlagMeansCookieAuthentication() {
        JmConfig c = cfg("""
                [bitcoin]
                rpc_url = "http://10.1.2.3:8332/"
                rpc_user = "bob"
                rpc_password = "pa55"
                rpc_wallet = "old-name"
                """);
        BitcoinSettings b = BitcoinSettings.read(c, Network.SIGNET, DATA, "a",
                new BitcoinSettings.Flags("http://127.0.0.1:38332/", Path.of("/c/.cookie"), null, "flagged"));
        assertThat(b.rpcUrl()).isEqualTo(URI.create("http://127.0.0.1:38332/"));
        assertThat(b.rpcConfig().auth()).isEqualTo(new RpcAuth.CookieFile(Path.of("/c/.cookie")));
        assertThat(b.walletName()).isEqualTo("flagged");
    }

    @Test
    void aNonHttpRpcUrlIsRejected() {
        assertThatThrownBy(() -> BitcoinSettings.read(cfg("[bitcoin]\nrpc_url = \"127.0.0.1:8332\"\n"), Network.MAINNET,
                DATA, "a", BitcoinSettings.Flags.none())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("[bitcoin] rpc_url");
    }

    @Test
    void bitcoinNetworkDefaultsToNetworkAndTheAnnouncedNameToTheWalletsChainWithTestnetForRegtest() {
        assertThat(NetworkSettings.read(cfg(""), null, null).chain()).isEqualTo(Network.MAINNET);
        // on regtest the default announced name is testnet, as reference peers and NG's regtest setups announce
        assertThat(NetworkSettings.read(cfg(""), null, null).announcedFor(Network.REGTEST)).isEqualTo("testnet");
        assertThat(NetworkSettings.read(cfg(""), null, null).announcedFor(Network.SIGNET)).isEqualTo("signet");
        assertThat(NetworkSettings.read(cfg("[network]\nnetwork = \"regtest\"\n"), null, null)
                .announcedFor(Network.REGTEST)).isEqualTo("regtest");
        NetworkSettings n = NetworkSettings.read(cfg("[network]\nnetwork = \"signet\"\n"), null, null);
        assertThat(n.chain()).isEqualTo(Network.SIGNET);
        assertThat(n.announcedFor(Network.REGTEST)).isEqualTo("signet");
        NetworkSettings both = NetworkSettings.read(cfg("[network]\nnetwork = \"signet\"\nbitcoin_network = \"regtest\"\n"),
                null, null);
        assertThat(both.chain()).isEqualTo(Network.REGTEST);
        assertThat(NetworkSettings.read(cfg("[network]\nnetwork = \"signet\"\n"), "testnet", null).network())
                .contains(Network.TESTNET);
    }

    @Test
    void badNetworkNameNamesTheKey() {
        assertThatThrownBy(() -> NetworkSettings.read(cfg("[network]\nnetwork = \"moonnet\"\n"), null, null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[network] network");
    }

    @Test
    void directoryServersFromFileEnvironmentOrFlags() {
        NetworkSettings f = NetworkSettings.read(cfg("[network]\ndirectory_servers = [\"127.0.0.1:5222\"]\n"), null, null);
        assertThat(f.directoryEndpoints()).containsExactly(new Endpoint("127.0.0.1", 5222));
        NetworkSettings e = NetworkSettings.read(JmConfig.parse("", Map.of("NETWORK__DIRECTORY_SERVERS",
                "a.onion:5222, 127.0.0.1:7")), null, null);
        assertThat(e.directoryServers()).containsExactly("a.onion:5222", "127.0.0.1:7");
        NetworkSettings flag = NetworkSettings.read(cfg("[network]\ndirectory_servers = [\"127.0.0.1:5222\"]\n"), null,
                List.of("127.0.0.1:9"));
        assertThat(flag.directoryServers()).containsExactly("127.0.0.1:9");
    }

    @Test
    void noDirectoryOrABadOneIsAConfigError() {
        assertThatThrownBy(() -> NetworkSettings.read(cfg(""), null, null).directoryEndpoints())
                .isInstanceOf(ConfigException.class).hasMessageContaining("directory_servers");
        assertThatThrownBy(() -> NetworkSettings.read(cfg("[network]\ndirectory_servers = [\"nope\"]\n"), null, null)
                .directoryEndpoints()).isInstanceOf(ConfigException.class).hasMessageContaining("'nope'");
    }

    @Test
    void torModeOnlyWithASocksHostAndFlagsWin() {
        assertThat(TorSettings.read(cfg(""), null, null, null).socksProxy()).isEmpty();
        TorSettings t = TorSettings.read(cfg("[tor]\nsocks_host = \"127.0.0.1\"\nsocks_port = 9150\n"), null, null, null);
        assertThat(t.socks()).contains(new InetSocketAddress("127.0.0.1", 9150));
        assertThat(TorSettings.read(cfg("[tor]\nsocks_host = \"127.0.0.1\"\n"), "none", null, null).socks()).isEmpty();
        TorSettings ctl = TorSettings.read(cfg("[tor]\ncontrol_port = 9999\n"), null, "127.0.0.1:9051", Path.of("/ck"));
        assertThat(ctl.control()).isEqualTo(new InetSocketAddress("127.0.0.1", 9051));
        assertThat(ctl.cookiePath()).isEqualTo(Optional.of(Path.of("/ck")));
    }

    @Test
    void torPasswordIsRedacted() {
        TorSettings t = TorSettings.read(cfg("[tor]\npassword = \"letmein\"\n"), null, null, null);
        assertThat(t.password().map(Secret::value)).contains("letmein");
        assertThat(t + " " + t.auth()).doesNotContain("letmein");
    }

    @Test
    void malformedHostPortFlagsAreConfigErrors() {
        assertThatThrownBy(() -> TorSettings.hostPort("--socks5", "localhost")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> TorSettings.hostPort("--socks5", "h:99999")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> TorSettings.hostPort("--socks5", "h:x")).isInstanceOf(ConfigException.class);
        assertThat(TorSettings.hostPort("--listen", "[::1]:5")).isEqualTo(new InetSocketAddress("::1", 5));
    }

    @Test
    void walletKeysWithTheirOldNameAndFlags() {
        assertThat(WalletSettings.read(cfg("[wallet]\nmixdepths = 3\n"), null, null).mixdepthCount()).isEqualTo(3);
        assertThat(WalletSettings.read(cfg("[wallet]\nmixdepth_count = 4\nmixdepths = 3\n"), null, null).mixdepthCount())
                .isEqualTo(4);
        assertThat(WalletSettings.read(cfg("[wallet]\ngap_limit = 30\n"), null, 50).gapLimit()).isEqualTo(50);
        assertThatThrownBy(() -> WalletSettings.read(cfg("[wallet]\nmixdepth_count = 11\n"), null, null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mixdepth_count");
    }
}
