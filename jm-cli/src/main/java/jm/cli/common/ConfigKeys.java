package jm.cli.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of every {@code config.toml} key any {@code jm} command reads: the source of the
 * unknown-key warnings, of the alias lookup in {@link JmConfig}, of {@code jm config init/show}
 * and of {@code docs/configuration.md}. A key read by a command must be registered here (a test
 * checks both directions).
 */
public final class ConfigKeys {
    /** Old section names read as aliases of the NG section ({@code [directory]} for {@code [directory_server]}). */
    public static final Map<String, String> SECTION_ALIASES = Map.of("directory", "directory_server");

    /** Section order for documentation and {@code jm config init}. */
    public static final List<String> SECTIONS = List.of("network", "tor", "bitcoin", "wallet", "maker", "taker",
            "directory_server");

    /**
     * JoinMarket NG settings joinmarket-java does not use (a copied NG config.toml gets a clear
     * warning for these rather than a "typo" one). Keys of {@code bitcoin.neutrino_*} too.
     */
    public static final List<String> NG_NOT_USED = List.of("tor.control_enabled", "tor.target_host",
            "tor.stream_isolation", "tor.connection_timeout", "bitcoin.backend_type", "wallet.scan_range",
            "wallet.dust_threshold", "wallet.max_sats_freeze_reuse", "wallet.smart_scan",
            "wallet.background_full_rescan", "wallet.scan_lookback_blocks", "wallet.scan_start_height",
            "wallet.default_fee_block_target", "wallet.max_fee_rate_sat_vb", "wallet.mnemonic_file",
            "wallet.mnemonic_password", "wallet.bip39_passphrase", "maker.min_confirmations",
            "maker.allow_mixdepth_zero_merge", "maker.pending_tx_timeout_min", "maker.pending_tx_abandon_hours",
            "maker.rescan_interval_sec", "maker.message_rate_limit", "maker.message_burst_limit",
            "taker.bond_value_exponent", "taker.orderbook_min_wait", "taker.orderbook_quiet_period",
            "taker.broadcast_peer_count", "taker.rescan_interval_sec", "taker.pending_tx_abandon_hours",
            "directory_server.max_message_size", "directory_server.broadcast_batch_size");
    /** JoinMarket NG sections joinmarket-java does not use. */
    public static final List<String> NG_SECTIONS_NOT_USED = List.of("logging", "notifications", "tumbler",
            "orderbook_watcher", "tui");

    private static final List<ConfigKey> ALL;
    private static final Map<String, ConfigKey> BY_ID;
    /** alias id (section.key) -> primary key. */
    private static final Map<String, ConfigKey> BY_ALIAS;

    static {
        List<ConfigKey> l = new ArrayList<>();
        // [network]
        add(l, "network", "network", "mainnet (maker, taker: the wallet's chain; testnet for regtest)",
                "JoinMarket protocol network announced to peers: mainnet, testnet, signet or regtest. Read by "
                        + "wallet, maker, taker and directory. A regtest wallet announces testnet unless this is "
                        + "set (see Network names on regtest).",
                "messaging.network", "directory.network", "directory_server.network");
        add(l, "network", "bitcoin_network", "(the value of network)",
                "Bitcoin chain for new wallets and address derivation; defaults to network. Read by wallet.");
        add(l, "network", "directory_servers", "[] (none: --directory is then required)",
                "Directory nodes, \"host:port\" or \"<onion>.onion:port\"; a TOML array, or in the environment a "
                        + "JSON array or comma-separated list. Read by maker and taker (flag --directory).",
                "messaging.directory_nodes");
        // [tor]
        add(l, "tor", "socks_host", "(unset: local mode, plain TCP, no Tor)",
                "Tor SOCKS5 proxy host. Setting it switches maker and taker to Tor mode (flag --socks5 HOST:PORT).",
                "messaging.socks5_host");
        add(l, "tor", "socks_port", "9050", "Tor SOCKS5 proxy port (with socks_host).", "messaging.socks5_port");
        add(l, "tor", "control_host", "127.0.0.1",
                "Tor control port host, for the maker's ephemeral and the directory's persistent onion service.",
                "messaging.tor_control_host");
        add(l, "tor", "control_port", "9051", "Tor control port.", "messaging.tor_control_port");
        add(l, "tor", "cookie_path", "(the path Tor announces)",
                "Tor control cookie file (flag --tor-cookie).");
        secret(l, "tor", "password", "(unset)",
                "Tor control port password (HASHEDPASSWORD); cookie authentication is preferred.");
        // [bitcoin]
        add(l, "bitcoin", "rpc_url", "http://127.0.0.1:<chain's RPC port>/ (8332, 18332, 38332, 18443)",
                "Bitcoin Core RPC URL (flag --rpc-url). Read by wallet, maker and taker.");
        add(l, "bitcoin", "rpc_user", "(unset: cookie authentication)",
                "Bitcoin Core RPC user; needs rpc_password (flag --rpc-user on jm wallet).");
        secret(l, "bitcoin", "rpc_password", "(unset)", "Bitcoin Core RPC password, used with rpc_user.");
        add(l, "bitcoin", "rpc_cookie_file",
                "~/.bitcoin/.cookie, testnet3/.cookie, signet/.cookie; regtest: <data-dir>/regtest-node/.cookie",
                "Bitcoin Core .cookie file (flag --rpc-cookie); used unless rpc_user is set. The regtest default is "
                        + "the embedded node of jm regtest-node.");
        add(l, "bitcoin", "descriptor_wallet_name", "jm-<wallet name>",
                "Watch-only descriptor wallet in Bitcoin Core holding this wallet's addresses (flag --rpc-wallet).",
                "bitcoin.rpc_wallet");
        // [wallet]
        add(l, "wallet", "mixdepth_count", "5", "Mixdepths of a new wallet, 1 to 10 (flag --mixdepths).",
                "wallet.mixdepths");
        add(l, "wallet", "gap_limit", "20",
                "Unused addresses watched per branch, 1 to 1000 (flag --gap-limit on jm wallet).");
        // [maker]
        add(l, "maker", "offer_type", "sw0reloffer", "sw0reloffer (relative fee) or sw0absoffer (absolute fee).",
                "maker.ordertype");
        add(l, "maker", "cj_fee_relative", "0.00002", "Relative CoinJoin fee, a decimal fraction of the amount.",
                "maker.cjfee_r");
        add(l, "maker", "cj_fee_absolute", "500", "Absolute CoinJoin fee in sats.", "maker.cjfee_a");
        add(l, "maker", "tx_fee_contribution", "0", "Our contribution to the mining fee, in sats.",
                "maker.txfee_contribution");
        add(l, "maker", "min_size", "100000", "Smallest CoinJoin amount we accept, in sats.", "maker.minsize");
        add(l, "maker", "dual_offers", "false", "Offer relative and absolute fees, split at their intersection.");
        add(l, "maker", "cjfee_factor", "0",
                "Randomisation of the advertised CoinJoin fee, a fraction in [0, 0.99] (0 = exact).");
        add(l, "maker", "txfee_contribution_factor", "0",
                "Randomisation of the advertised fee contribution, a fraction in [0, 0.99].");
        add(l, "maker", "size_factor", "0", "Randomisation of the advertised sizes, a fraction in [0, 0.99].");
        add(l, "maker", "merge_algorithm", "default", "Input selection: default, gradual, greedy, greediest, random.");
        add(l, "maker", "taker_utxo_age", "5", "Confirmations required on the taker's PoDLE commitment UTXO.");
        add(l, "maker", "taker_utxo_amtpercent", "20",
                "Minimum value of the commitment UTXO, percent of the CoinJoin amount.");
        add(l, "maker", "taker_utxo_retries", "3", "PoDLE indices accepted per commitment UTXO.");
        add(l, "maker", "session_timeout_sec", "300", "Longest a CoinJoin session may take, in seconds.");
        add(l, "maker", "offer_reannounce_delay_max", "600",
                "Largest random delay in seconds before re-announcing offers after a balance change.",
                "maker.reannounce_delay_max_sec");
        add(l, "maker", "accept_commitment_broadcasts", "true",
                "Blacklist commitments other makers broadcast (!hp2).");
        add(l, "maker", "onion_serving_host", "127.0.0.1",
                "Bind address for direct connections (onion service target in Tor mode; flag --listen in local "
                        + "mode).");
        add(l, "maker", "onion_serving_port", "0 (any free port)", "Port for direct connections.");
        // [taker]
        add(l, "taker", "counterparty_count", "(random 8 to 10 per CoinJoin)",
                "Makers per CoinJoin, 1 to 50 (flag -N).");
        add(l, "taker", "max_cj_fee_abs", "500", "Largest absolute fee per maker, in sats.");
        add(l, "taker", "max_cj_fee_rel", "0.001", "Largest relative fee per maker, a decimal fraction.");
        add(l, "taker", "max_cj_fee_rule", "per_offer_type",
                "per_offer_type (each offer against its own kind of limit) or both_exceeded (reject only if both).");
        add(l, "taker", "order_choose_fn", "fidelity_bond_weighted",
                "Maker selection: fidelity_bond_weighted, cheapest, weighted or random.");
        add(l, "taker", "bondless_makers_allowance", "0.2",
                "Per-slot probability of choosing a maker without a fidelity bond, 0 to 1.");
        add(l, "taker", "bondless_require_zero_fee", "true",
                "Bondless slots only take makers with a zero absolute fee.",
                "taker.bondless_makers_allowance_require_zero_fee");
        add(l, "taker", "minimum_makers", "4", "Fewest makers a CoinJoin may complete with.");
        add(l, "taker", "max_maker_replacement_attempts", "3",
                "How often a failed or vanished maker is replaced with another, 0 to 20.");
        add(l, "taker", "max_maker_utxos", "15", "Most inputs accepted from one maker.");
        add(l, "taker", "taker_utxo_age", "5", "Confirmations our PoDLE commitment UTXO needs.");
        add(l, "taker", "taker_utxo_amtpercent", "20", "Minimum commitment UTXO value, percent of the amount.");
        add(l, "taker", "taker_utxo_retries", "3", "PoDLE indices tried per UTXO.");
        add(l, "taker", "tx_fees", "3",
                "Mining fee: below 1000 a confirmation target in blocks, from 1000 a rate in sat/kvB.");
        add(l, "taker", "fee_rate", "(unset: tx_fees)",
                "Fixed mining fee rate in sat/vB, a decimal (NG); replaces tx_fees; excludes fee_block_target.");
        add(l, "taker", "fee_block_target", "(unset: tx_fees)",
                "Confirmation target in blocks for the node's fee estimate, 1 to 1008 (NG); replaces tx_fees.");
        add(l, "taker", "tx_fee_factor", "0.2", "Random increase of the mining fee rate, up to this fraction.");
        add(l, "taker", "absurd_fee_per_kb", "350000", "Refuse fee rates above this, in sat/kvB.");
        add(l, "taker", "max_sweep_fee_change", "0.8",
                "Sweeps: largest allowed change of the fee between estimate and signing, a fraction.");
        add(l, "taker", "tx_broadcast", "random-peer",
                "Who broadcasts: self, random-peer, multiple-peers or not-self.");
        add(l, "taker", "locktime", "anti_fee_sniping", "anti_fee_sniping (current height) or zero.");
        add(l, "taker", "order_wait_time", "30", "Longest wait in seconds for offers before choosing makers; "
                + "the wait ends earlier once offers have arrived and none came for 5 s.");
        add(l, "taker", "maker_timeout_sec", "60", "Seconds a maker has to answer each step.");
        add(l, "taker", "broadcast_timeout_sec", "60", "Seconds to wait for the transaction to appear.");
        add(l, "taker", "confirmation_timeout_sec", "1800", "Seconds to wait for a confirmation (0 = do not wait; "
                + "flag --no-wait).");
        // [directory_server]
        String d = "directory_server";
        add(l, d, "local", "false", "Local mode: plain TCP locations, no onion service (flag --local).");
        add(l, d, "host", "127.0.0.1", "Listen address.");
        add(l, d, "port", "5222", "Listen port (0 = any free port).");
        add(l, d, "max_peers", "10000", "Most connected peers.");
        add(l, d, "motd", "joinmarket-java directory node", "Message of the day sent to clients.");
        add(l, d, "max_line_length", "65536", "Longest accepted message line, in bytes.");
        add(l, d, "max_json_nesting_depth", "10", "Deepest accepted JSON nesting.");
        add(l, d, "message_rate_limit", "500", "Messages per second per peer (sustained).");
        add(l, d, "message_burst_limit", "1000", "Message burst per peer.");
        add(l, d, "pubmsg_rate_limit", "5", "Public messages per second per peer.");
        add(l, d, "pubmsg_burst_limit", "50", "Public message burst per peer.");
        add(l, d, "broadcast_deliveries_per_second", "20000", "Relay budget for broadcast deliveries (0 = unlimited).");
        add(l, d, "orderbook_interval", "10", "Seconds between !orderbook requests a peer may send.");
        add(l, d, "orderbook_burst", "1", "!orderbook request burst.");
        add(l, d, "rate_limit_disconnect_threshold", "100",
                "Disconnect after this many rate-limit violations (0 = never).");
        add(l, d, "ban_duration", "3600", "Seconds a misbehaving peer stays banned.");
        add(l, d, "ban_loopback_addresses", "false", "Whether bans also cover loopback addresses.");
        add(l, d, "handshake_timeout", "30", "Seconds a new connection has to complete the handshake.");
        add(l, d, "heartbeat_sweep_interval", "60", "Seconds between heartbeat sweeps.",
                "directory_server.heartbeat_sweep", "directory.heartbeat_sweep");
        add(l, d, "heartbeat_idle_threshold", "600", "Seconds of silence before a peer is probed.",
                "directory_server.heartbeat_probe_after", "directory.heartbeat_probe_after");
        add(l, d, "heartbeat_pong_wait", "30", "Seconds to wait for the probe's answer.");
        add(l, d, "heartbeat_hard_evict", "1500", "Seconds of silence after which a peer is evicted.",
                "directory_server.heartbeat_evict_after", "directory.heartbeat_evict_after");
        add(l, d, "send_timeout", "30", "Seconds a slow reader may hold back a send.");
        add(l, d, "health_check_host", "127.0.0.1", "Health endpoint address.");
        add(l, d, "health_check_port", "8080", "Health endpoint port (0 = any, -1 = off).");
        add(l, d, "io_threads", "0", "Netty event-loop threads (0 = Netty's default).");
        add(l, d, "pow_defense", "false", "Tor mode: enable the onion service proof-of-work defence.");
        add(l, d, "nick_auth_mode", "prefer_verified", "Nick authentication (JMP-0005): prefer_verified (a verified "
                + "reconnect replaces a stale holder of the nick), require_verified (refuse clients that do not "
                + "prove their nick) or disabled.");
        add(l, d, "nick_auth_directory_id", "(Tor: <onion>:<virtual port>; local: host:port)",
                "Directory id clients sign for in nick authentication.");

        ALL = Collections.unmodifiableList(l);
        Map<String, ConfigKey> byId = new LinkedHashMap<>();
        Map<String, ConfigKey> byAlias = new LinkedHashMap<>();
        for (ConfigKey k : l) {
            if (byId.put(k.id(), k) != null) {
                throw new IllegalStateException("duplicate config key " + k.id());
            }
        }
        for (ConfigKey k : l) {
            for (String a : k.aliases()) {
                if (byId.containsKey(a) || byAlias.put(a, k) != null) {
                    throw new IllegalStateException("alias " + a + " is taken");
                }
            }
        }
        BY_ID = Collections.unmodifiableMap(byId);
        BY_ALIAS = Collections.unmodifiableMap(byAlias);
    }

    private ConfigKeys() {
    }

    private static void add(List<ConfigKey> l, String section, String key, String def, String desc, String... aliases) {
        l.add(new ConfigKey(section, key, def, desc, withSectionAliases(section, key, aliases), false));
    }

    private static void secret(List<ConfigKey> l, String section, String key, String def, String desc) {
        l.add(new ConfigKey(section, key, def, desc, withSectionAliases(section, key, new String[0]), true));
    }

    private static List<String> withSectionAliases(String section, String key, String[] aliases) {
        Set<String> out = new LinkedHashSet<>(List.of(aliases));
        SECTION_ALIASES.forEach((old, ng) -> {
            if (ng.equals(section)) {
                out.add(old + "." + key);
            }
        });
        return List.copyOf(out);
    }

    /** Every registered key, in documentation order. */
    public static List<ConfigKey> all() {
        return ALL;
    }

    /** The key registered as {@code section.key}. */
    public static Optional<ConfigKey> find(String section, String key) {
        return Optional.ofNullable(BY_ID.get(section + "." + key));
    }

    /** The primary key that {@code section.key} is an alias of. */
    public static Optional<ConfigKey> aliasOf(String section, String key) {
        return Optional.ofNullable(BY_ALIAS.get(section + "." + key));
    }

    /** Whether {@code section.key} is an NG setting this implementation does not use. */
    public static boolean ngNotUsed(String section, String key) {
        String ng = SECTION_ALIASES.getOrDefault(section, section);
        return NG_SECTIONS_NOT_USED.contains(ng) || NG_NOT_USED.contains(ng + "." + key)
                || (ng.equals("bitcoin") && key.startsWith("neutrino_"));
    }

    /** Whether {@code section} holds any registered key or alias. */
    public static boolean knownSection(String section) {
        String prefix = section + ".";
        return BY_ID.keySet().stream().anyMatch(id -> id.startsWith(prefix))
                || BY_ALIAS.keySet().stream().anyMatch(id -> id.startsWith(prefix));
    }

    /**
     * One warning line per key in the file that no command reads (typos), and per section
     * entry that is not a table.
     */
    public static List<String> unknownKeyWarnings(JmConfig config) {
        List<String> out = new ArrayList<>();
        for (String section : config.fileSections()) {
            if (!config.isTable(section)) {
                out.add("warning: " + config.fileLabel() + ": '" + section
                        + "' is outside any [section]; it is ignored");
                continue;
            }
            boolean sectionKnown = knownSection(section);
            for (String key : config.fileKeys(section)) {
                if (BY_ID.containsKey(section + "." + key) || BY_ALIAS.containsKey(section + "." + key)) {
                    continue;
                }
                if (ngNotUsed(section, key)) {
                    out.add("warning: " + config.fileLabel() + ": [" + section + "] " + key
                            + " is a JoinMarket NG setting joinmarket-java does not use; it is ignored");
                    continue;
                }
                out.add("warning: " + config.fileLabel() + ": unknown key [" + section + "] " + key
                        + (sectionKnown ? "" : " (unknown section)") + "; it is ignored");
            }
        }
        return out;
    }
}
