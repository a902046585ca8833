package jm.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jm.cli.common.BitcoinSettings;
import jm.cli.common.ConfigKey;
import jm.cli.common.ConfigKeys;
import jm.cli.common.JmConfig;
import jm.cli.common.NetworkSettings;
import jm.cli.common.TorSettings;
import jm.cli.common.WalletSettings;
import jm.cli.directory.StartDirectoryCommand;
import jm.cli.maker.MakerSettingsReader;
import jm.cli.taker.TakerSettings;
import jm.core.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered key is read by some command and changes what it reads; every key a command
 * reads is registered; every alias reads like its NG name.
 */
class ConfigKeysCoverageTest {
    static final Path DATA = Path.of("/nonexistent/jm-data");

    /** A valid non-default value per key (TOML literal), and what must be set with it, if anything. */
    static final Map<String, String[]> EXAMPLES = new LinkedHashMap<>();

    static {
        ex("network.network", "\"signet\"");
        ex("network.bitcoin_network", "\"testnet\"");
        ex("network.directory_servers", "[\"127.0.0.1:5222\", \"abc.onion:5222\"]");
        ex("tor.socks_host", "\"127.0.0.1\"");
        ex("tor.socks_port", "9150", "socks_host = \"127.0.0.1\"");
        ex("tor.control_host", "\"127.0.0.2\"");
        ex("tor.control_port", "9151");
        ex("tor.cookie_path", "\"/var/lib/tor/control_auth_cookie\"");
        ex("tor.password", "\"hunter2\"");
        ex("bitcoin.rpc_url", "\"http://10.0.0.1:18443/\"");
        ex("bitcoin.rpc_user", "\"alice\"", "rpc_password = \"pw\"");
        ex("bitcoin.rpc_password", "\"pw2\"", "rpc_user = \"alice\"", "\"pw\"");
        ex("bitcoin.rpc_cookie_file", "\"/tmp/other/.cookie\"");
        ex("bitcoin.descriptor_wallet_name", "\"watch\"");
        ex("wallet.mixdepth_count", "3");
        ex("wallet.gap_limit", "40");
        ex("maker.offer_type", "\"sw0absoffer\"");
        ex("maker.cj_fee_relative", "\"0.0003\"");
        ex("maker.cj_fee_absolute", "777");
        ex("maker.tx_fee_contribution", "55");
        ex("maker.min_size", "250000");
        ex("maker.dual_offers", "true");
        ex("maker.cjfee_factor", "\"0.1\"");
        ex("maker.txfee_contribution_factor", "\"0.3\"");
        ex("maker.size_factor", "\"0.1\"");
        ex("maker.merge_algorithm", "\"greedy\"");
        ex("maker.taker_utxo_age", "7");
        ex("maker.taker_utxo_amtpercent", "30");
        ex("maker.taker_utxo_retries", "5");
        ex("maker.session_timeout_sec", "120");
        ex("maker.offer_reannounce_delay_max", "60");
        ex("maker.accept_commitment_broadcasts", "false");
        ex("maker.onion_serving_host", "\"127.0.0.5\"");
        ex("maker.onion_serving_port", "5223");
        ex("taker.counterparty_count", "6");
        ex("taker.max_cj_fee_abs", "1500");
        ex("taker.max_cj_fee_rel", "\"0.003\"");
        ex("taker.max_cj_fee_rule", "\"both_exceeded\"");
        ex("taker.order_choose_fn", "\"cheapest\"");
        ex("taker.bondless_makers_allowance", "\"0.5\"");
        ex("taker.bondless_require_zero_fee", "false");
        ex("taker.minimum_makers", "2");
        ex("taker.max_maker_replacement_attempts", "1");
        ex("taker.max_maker_utxos", "20");
        ex("taker.taker_utxo_age", "2");
        ex("taker.taker_utxo_amtpercent", "10");
        ex("taker.taker_utxo_retries", "4");
        ex("taker.tx_fees", "2000");
        ex("taker.fee_rate", "\"2.5\"");
        ex("taker.fee_block_target", "6");
        ex("taker.tx_fee_factor", "\"0.1\"");
        ex("taker.absurd_fee_per_kb", "200000");
        ex("taker.max_sweep_fee_change", "\"0.5\"");
        ex("taker.tx_broadcast", "\"self\"");
        ex("taker.locktime", "\"zero\"");
        ex("taker.order_wait_time", "10");
        ex("taker.maker_timeout_sec", "30");
        ex("taker.broadcast_timeout_sec", "20");
        ex("taker.confirmation_timeout_sec", "0");
        ex("directory_server.local", "true");
        ex("directory_server.host", "\"127.0.0.3\"");
        ex("directory_server.port", "6000");
        ex("directory_server.max_peers", "77");
        ex("directory_server.motd", "\"hello\"");
        ex("directory_server.max_line_length", "4096");
        ex("directory_server.max_json_nesting_depth", "5");
        ex("directory_server.message_rate_limit", "7");
        ex("directory_server.message_burst_limit", "8");
        ex("directory_server.pubmsg_rate_limit", "9");
        ex("directory_server.pubmsg_burst_limit", "11");
        ex("directory_server.broadcast_deliveries_per_second", "123");
        ex("directory_server.orderbook_interval", "20");
        ex("directory_server.orderbook_burst", "3");
        ex("directory_server.rate_limit_disconnect_threshold", "7");
        ex("directory_server.ban_duration", "60");
        ex("directory_server.ban_loopback_addresses", "true");
        ex("directory_server.handshake_timeout", "12");
        ex("directory_server.heartbeat_sweep_interval", "13");
        ex("directory_server.heartbeat_idle_threshold", "700");
        ex("directory_server.heartbeat_pong_wait", "14");
        ex("directory_server.heartbeat_hard_evict", "1600");
        ex("directory_server.send_timeout", "15");
        ex("directory_server.health_check_host", "\"127.0.0.4\"");
        ex("directory_server.health_check_port", "8081");
        ex("directory_server.io_threads", "2");
        ex("directory_server.pow_defense", "true");
        ex("directory_server.nick_auth_mode", "\"require_verified\"");
        ex("directory_server.nick_auth_directory_id", "\"dir.example:5222\"");
    }

    /** context: other lines of the section set in both runs; baseline: the key's value in the base run. */
    private static void ex(String id, String value, String... contextAndBaseline) {
        EXAMPLES.put(id, new String[] {value, contextAndBaseline.length == 0 ? "" : contextAndBaseline[0],
                contextAndBaseline.length < 2 ? null : contextAndBaseline[1]});
    }

    /** What every command makes of a configuration (the typed settings, compared by value). */
    static List<Object> readAll(JmConfig c) {
        List<Object> out = new ArrayList<>();
        out.add(NetworkSettings.read(c, null, null));
        out.add(TorSettings.read(c, null, null, null));
        out.add(BitcoinSettings.read(c, Network.REGTEST, DATA, "w", BitcoinSettings.Flags.none()));
        out.add(WalletSettings.read(c, null, null));
        out.add(MakerSettingsReader.read(c, MakerSettingsReader.Flags.none(), "regtest"));
        out.add(MakerSettingsReader.mergeAlgorithm(c, MakerSettingsReader.Flags.none()));
        out.add(MakerSettingsReader.serving(c, null));
        out.add(TakerSettings.read(c, Network.REGTEST));
        out.add(TakerSettings.counterparties(c, null));
        StartDirectoryCommand dir = new StartDirectoryCommand();
        out.add(dir.resolve(c, DATA));
        out.add(dir.powDefense(c));
        out.add(StartDirectoryCommand.nickAuthMode(c));
        out.add(StartDirectoryCommand.directoryId(c));
        return out;
    }

    static String toml(String section, String lines) {
        return "[" + section + "]\n" + lines + "\n";
    }

    static Stream<Arguments> keys() {
        return ConfigKeys.all().stream().map(k -> Arguments.of(k.id()));
    }

    static Stream<Arguments> aliases() {
        return ConfigKeys.all().stream().flatMap(k -> k.aliases().stream().map(a -> Arguments.of(k.id(), a)));
    }

    private static ConfigKey key(String id) {
        int dot = id.indexOf('.');
        return ConfigKeys.find(id.substring(0, dot), id.substring(dot + 1)).orElseThrow();
    }

    @Test
    void everyRegisteredKeyIsReadAndEveryReadKeyIsRegistered() {
        JmConfig c = JmConfig.parse("", Map.of());
        readAll(c);
        assertThat(c.unregisteredReads()).as("keys read but not registered in ConfigKeys").isEmpty();
        assertThat(c.readKeys()).as("registered keys nobody reads")
                .containsExactlyInAnyOrderElementsOf(ConfigKeys.all().stream().map(ConfigKey::id).toList());
    }

    @Test
    void everyRegisteredKeyHasAnExampleHere() {
        assertThat(EXAMPLES.keySet())
                .containsExactlyInAnyOrderElementsOf(ConfigKeys.all().stream().map(ConfigKey::id).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void settingTheKeyInTheFileChangesTheTypedSettings(String id) {
        ConfigKey k = key(id);
        String[] e = EXAMPLES.get(id);
        String baseline = e[2] == null ? "" : "\n" + k.key() + " = " + e[2];
        List<Object> base = readAll(JmConfig.parse(toml(k.section(), e[1] + baseline), Map.of()));
        List<Object> set = readAll(JmConfig.parse(toml(k.section(), e[1] + "\n" + k.key() + " = " + e[0]), Map.of()));
        assertThat(set).isNotEqualTo(base);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void settingTheKeyInTheEnvironmentReadsLikeTheFile(String id) {
        ConfigKey k = key(id);
        String[] e = EXAMPLES.get(id);
        String value = e[0].startsWith("\"") ? e[0].substring(1, e[0].length() - 1) : e[0];
        List<Object> fromFile = readAll(JmConfig.parse(toml(k.section(), e[1] + "\n" + k.key() + " = " + e[0]),
                Map.of()));
        // the file holds another value where one is needed: the environment beats it
        String baseline = e[2] == null ? "" : "\n" + k.key() + " = " + e[2];
        List<Object> fromEnv = readAll(JmConfig.parse(toml(k.section(), e[1] + baseline), Map.of(k.envVar(), value)));
        assertThat(fromEnv).isEqualTo(fromFile);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @MethodSource("aliases")
    void anAliasReadsLikeTheNgNameAndTheNgNameWins(String id, String alias) {
        ConfigKey k = key(id);
        String[] e = EXAMPLES.get(id);
        String aliasSection = alias.substring(0, alias.indexOf('.'));
        String aliasKey = alias.substring(alias.indexOf('.') + 1);
        String context = toml(k.section(), e[1]);
        List<Object> viaNg = readAll(JmConfig.parse(toml(k.section(), e[1] + "\n" + k.key() + " = " + e[0]),
                Map.of()));
        String aliasToml = aliasSection.equals(k.section())
                ? toml(k.section(), e[1] + "\n" + aliasKey + " = " + e[0])
                : context + toml(aliasSection, aliasKey + " = " + e[0]);
        JmConfig viaAlias = JmConfig.parse(aliasToml, Map.of());
        assertThat(readAll(viaAlias)).isEqualTo(viaNg);
        assertThat(viaAlias.warnings()).isEmpty();

        // both set: the NG name wins over the alias
        String defaultLiteral = ConfigReference.tomlDefault(k);
        if (!defaultLiteral.equals("\"\"") && e[2] == null) {
            List<Object> ngOnly = readAll(JmConfig.parse(toml(k.section(), e[1] + "\n" + k.key() + " = "
                    + defaultLiteral), Map.of()));
            String both = aliasSection.equals(k.section())
                    ? toml(k.section(), e[1] + "\n" + k.key() + " = " + defaultLiteral + "\n" + aliasKey + " = " + e[0])
                    : toml(k.section(), e[1] + "\n" + k.key() + " = " + defaultLiteral)
                            + toml(aliasSection, aliasKey + " = " + e[0]);
            assertThat(readAll(JmConfig.parse(both, Map.of()))).isEqualTo(ngOnly);
        }
        // the alias as an environment variable works too
        String value = e[0].startsWith("\"") ? e[0].substring(1, e[0].length() - 1) : e[0];
        assertThat(readAll(JmConfig.parse(context, Map.of(JmConfig.envName(aliasSection, aliasKey), value))))
                .isEqualTo(viaNg);
    }

    @Test
    void unknownKeysAndSectionsAreReportedOneLinePerKey() {
        JmConfig c = JmConfig.parse("""
                top = 1
                [maker]
                cj_fee_relativ = "0.1"
                cjfee_r = "0.0001"
                [makr]
                min_size = 1
                max_size = 2
                [messaging]
                directory_nodes = ["127.0.0.1:1"]
                """, Map.of());
        List<String> w = c.warnings();
        assertThat(w).hasSize(4);
        assertThat(w).anySatisfy(l -> assertThat(l).contains("'top'"));
        assertThat(w).anySatisfy(l -> assertThat(l).contains("[maker] cj_fee_relativ"));
        assertThat(w).anySatisfy(l -> assertThat(l).contains("[makr] min_size", "unknown section"));
        assertThat(w).anySatisfy(l -> assertThat(l).contains("[makr] max_size"));
    }

    @Test
    void ngSettingsWeDoNotUseGetTheirOwnWarning() {
        JmConfig c = JmConfig.parse("""
                [tor]
                stream_isolation = false
                [bitcoin]
                neutrino_url = "http://127.0.0.1:8334"
                [logging]
                level = "DEBUG"
                """, Map.of());
        assertThat(c.warnings()).hasSize(3).allSatisfy(l -> assertThat(l).contains("NG setting", "does not use"));
        assertThat(ConfigKeys.NG_NOT_USED).allSatisfy(id -> assertThat(ConfigKeys.find(id.substring(0,
                id.indexOf('.')), id.substring(id.indexOf('.') + 1))).as(id + " is used after all").isEmpty());
    }

    @Test
    void environmentBeatsFileWhicheverNameEachUses() {
        JmConfig c = JmConfig.parse("[maker]\ncj_fee_absolute = 600\n", Map.of("MAKER__CJFEE_A", "700"));
        assertThat(MakerSettingsReader.read(c, MakerSettingsReader.Flags.none(), "regtest").offers().cjFeeAbs())
                .isEqualTo(700);
    }

    @Test
    void ngFeeRateIsSatPerVbyteAndExcludesABlockTarget() {
        JmConfig rate = JmConfig.parse("[taker]\nfee_rate = \"2.5\"\ntx_fees = 5\n", Map.of());
        assertThat(TakerSettings.read(rate, Network.REGTEST).fixedFeeRate()).hasValue(2500);
        JmConfig target = JmConfig.parse("[taker]\nfee_block_target = 12\ntx_fees = 5000\n", Map.of());
        assertThat(TakerSettings.read(target, Network.REGTEST).fixedFeeRate()).isEmpty();
        assertThat(TakerSettings.read(target, Network.REGTEST).miningFee().targetBlocks()).isEqualTo(12);
        JmConfig both = JmConfig.parse("[taker]\nfee_block_target = 12\nfee_rate = 3\n", Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TakerSettings.read(both, Network.REGTEST))
                .hasMessageContaining("fee_block_target").hasMessageContaining("cannot be set together with fee_rate");
    }

    @Test
    void secretsAreRedactedInTypedSettings() {
        JmConfig c = JmConfig.parse("[bitcoin]\nrpc_user = \"u\"\nrpc_password = \"s3cr3t\"\n[tor]\npassword = \"t0r\"\n",
                Map.of());
        String shown = readAll(c).stream().map(String::valueOf).collect(Collectors.joining());
        assertThat(shown).doesNotContain("s3cr3t", "t0r");
    }
}
