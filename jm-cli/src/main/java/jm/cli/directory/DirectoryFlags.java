package jm.cli.directory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import jm.cli.common.JmConfig;
import jm.directory.config.DirectoryConfig;
import jm.directory.config.DirectoryConfig.Builder;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The flags of {@code jm directory start} in {@code --help} order, each declared once with the
 * {@code [directory_server]} key, range and {@link DirectoryConfig} field it sets: the command's
 * options are made from this table (a flag beats the environment, which beats config.toml, which
 * beats the default). Flags without a setting are read by the command itself.
 */
final class DirectoryFlags implements IModelTransformer {
    /** Longest duration setting: a year, in seconds. */
    private static final long MAX_SECONDS = 31_536_000;

    /** One option: {@code label} is null for an on/off flag; {@code setting} empty when the command reads it. */
    record Flag(String name, String label, Class<?> type, String description, Optional<Setting<?>> setting) {
        OptionSpec option(Map<String, Object> values) {
            OptionSpec.Builder b = OptionSpec.builder(name).type(type).description(description)
                    .getter(new IGetter() {
                        @Override
                        @SuppressWarnings("unchecked")
                        public <T> T get() {
                            return (T) values.get(name);
                        }
                    })
                    .setter(new ISetter() {
                        @Override
                        @SuppressWarnings("unchecked")
                        public <T> T set(T value) {
                            return (T) values.put(name, value);
                        }
                    });
            return (label == null ? b : b.paramLabel(label)).build();
        }
    }

    /** How one setting is read (flag, environment, file, default) and where it goes in the config. */
    record Setting<T>(String key, Reader<T> reader, BiConsumer<Builder, T> set, Function<DirectoryConfig, T> def) {
        void apply(Builder b, JmConfig cfg, Object flag, DirectoryConfig defaults) {
            set.accept(b, reader.read(cfg, key, flag, def.apply(defaults)));
        }
    }

    @FunctionalInterface
    interface Reader<T> {
        T read(JmConfig cfg, String key, Object flag, T def);
    }

    static final List<Flag> ALL = List.of(
            plain("--network", "NAME", String.class, "Network announced and required in handshakes: mainnet, testnet, "
                    + "signet or regtest (config: [network] network; default mainnet)."),
            plain("--local", null, Boolean.class, "Plain TCP, no Tor: peers use host:port locations (regtest/tests)."),
            host("--host", "host", Builder::host, DirectoryConfig::host, "Address to listen on (default 127.0.0.1)."),
            ints("--port", "N", "port", 0, 65_535, Builder::port, DirectoryConfig::port,
                    "Port to listen on; 0 = any free port (default 5222)."),
            ints("--max-peers", "N", "max_peers", 1, 10_000_000, Builder::maxPeers, DirectoryConfig::maxPeers,
                    "Handshaked peers allowed at once (default 10000)."),
            new Flag("--motd", "TEXT", String.class, "Message of the day sent in the handshake answer.",
                    Optional.of(new Setting<>("motd", (cfg, k, flag, d) -> cfg.string(
                            StartDirectoryCommand.SECTION, k, (String) flag, d), Builder::motd, DirectoryConfig::motd))),
            ints("--max-line-length", "BYTES", "max_line_length", 1_024, 1 << 24, Builder::maxLineLength,
                    DirectoryConfig::maxLineLength, "Lines longer than this close the connection (default 65536)."),
            ints("--max-json-nesting-depth", "N", "max_json_nesting_depth", 2, 1_000, Builder::maxJsonNestingDepth,
                    DirectoryConfig::maxJsonNestingDepth, "JSON nesting limit (default 10)."),
            ints("--message-rate-limit", "PER_S", "message_rate_limit", 1, 10_000_000, Builder::messageRateLimit,
                    DirectoryConfig::messageRateLimit, "Per-connection sustained messages per second (default 500)."),
            ints("--message-burst-limit", "N", "message_burst_limit", 1, 10_000_000, Builder::messageBurstLimit,
                    DirectoryConfig::messageBurstLimit, "Per-connection message burst (default 1000)."),
            ints("--pubmsg-rate-limit", "PER_S", "pubmsg_rate_limit", 1, 10_000_000, Builder::pubmsgRateLimit,
                    DirectoryConfig::pubmsgRateLimit, "Per-connection PUBMSG broadcasts per second (default 5)."),
            ints("--pubmsg-burst-limit", "N", "pubmsg_burst_limit", 1, 10_000_000, Builder::pubmsgBurstLimit,
                    DirectoryConfig::pubmsgBurstLimit, "Per-connection PUBMSG burst (default 50)."),
            new Flag("--broadcast-deliveries-per-second", "N", Long.class, "Directory-wide budget of PUBMSG copies per "
                    + "second (a broadcast to N peers costs N; at most 0.2 s worth at once); broadcasts beyond it are "
                    + "dropped; 0 = unlimited (default 20000).", Optional.of(new Setting<>(
                    "broadcast_deliveries_per_second", (cfg, k, flag, d) -> cfg.longValue(StartDirectoryCommand.SECTION,
                    k, (Long) flag, d, 0, 1_000_000_000L), Builder::broadcastDeliveriesPerSecond,
                    DirectoryConfig::broadcastDeliveriesPerSecond))),
            seconds("--orderbook-interval", "orderbook_interval", 0, Builder::orderbookInterval,
                    DirectoryConfig::orderbookInterval,
                    "Minimum spacing of !orderbook requests per connection after the burst (default 10)."),
            ints("--orderbook-burst", "N", "orderbook_burst", 1, 1_000_000, Builder::orderbookBurst,
                    DirectoryConfig::orderbookBurst, "!orderbook requests allowed back to back (default 1)."),
            ints("--rate-limit-disconnect-threshold", "N", "rate_limit_disconnect_threshold", 0, Integer.MAX_VALUE,
                    Builder::rateLimitDisconnectThreshold, DirectoryConfig::rateLimitDisconnectThreshold,
                    "Dropped messages after which a connection is closed and banned; 0 = never (default 100)."),
            seconds("--ban-duration", "ban_duration", 0, Builder::banDuration, DirectoryConfig::banDuration,
                    "How long a ban lasts (default 3600)."),
            new Flag("--ban-loopback-addresses", null, Boolean.class, "Also ban by address when the offender connects "
                    + "from loopback (off by default: every Tor connection comes from 127.0.0.1).",
                    Optional.of(new Setting<>("ban_loopback_addresses", (cfg, k, flag, d) -> cfg.bool(
                            StartDirectoryCommand.SECTION, k, (Boolean) flag, d), Builder::banLoopbackAddresses,
                            DirectoryConfig::banLoopbackAddresses))),
            seconds("--handshake-timeout", "handshake_timeout", 1, Builder::handshakeTimeout,
                    DirectoryConfig::handshakeTimeout, "Connections must handshake within this (default 30)."),
            seconds("--heartbeat-sweep", "heartbeat_sweep_interval", 1, Builder::heartbeatSweep,
                    DirectoryConfig::heartbeatSweep, "Heartbeat sweep interval (default 60)."),
            seconds("--heartbeat-probe-after", "heartbeat_idle_threshold", 1, Builder::heartbeatProbeAfter,
                    DirectoryConfig::heartbeatProbeAfter,
                    "Idle time before a peer is probed with PING or !orderbook (default 600)."),
            seconds("--heartbeat-pong-wait", "heartbeat_pong_wait", 1, Builder::heartbeatPongWait,
                    DirectoryConfig::heartbeatPongWait, "Time a pinged peer has to answer (default 30)."),
            seconds("--heartbeat-evict-after", "heartbeat_hard_evict", 1, Builder::heartbeatEvictAfter,
                    DirectoryConfig::heartbeatEvictAfter, "Idle time after which a peer is evicted (default 1500)."),
            seconds("--send-timeout", "send_timeout", 1, Builder::sendTimeout, DirectoryConfig::sendTimeout,
                    "A peer that stops reading for this long is dropped (default 30)."),
            host("--health-host", "health_check_host", Builder::healthCheckHost, DirectoryConfig::healthCheckHost,
                    "Loopback address of the HTTP health/metrics endpoint (config: health_check_host; default "
                            + "127.0.0.1)."),
            ints("--health-port", "N", "health_check_port", -1, 65_535, Builder::healthCheckPort,
                    DirectoryConfig::healthCheckPort, "Port of the HTTP endpoint; 0 = any free port, -1 = disabled "
                            + "(config: health_check_port; default 8080)."),
            ints("--io-threads", "N", "io_threads", 0, 1_024, Builder::ioThreads, DirectoryConfig::ioThreads,
                    "Netty event-loop threads; 0 = 2 x cores (default 0)."),
            plain("--tor-control-host", "ADDR", String.class,
                    "Tor control port host (config: [tor] control_host; default 127.0.0.1)."),
            plain("--tor-control-port", "N", Integer.class, "Tor control port (config: [tor] control_port; default 9051)."),
            plain("--tor-cookie-file", "FILE", Path.class, "Tor control auth cookie (default: the path Tor announces)."),
            plain("--tor-pow", null, Boolean.class, "Ask Tor for proof-of-work DoS defence on the onion service "
                    + "where the Tor version supports it (config: pow_defense)."));

    /** Adds the table's options after the annotated ones, keeping -h and -V last. */
    @Override
    public CommandSpec transform(CommandSpec spec) {
        Map<String, Object> values = ((StartDirectoryCommand) spec.userObject()).flags;
        List<OptionSpec> help = spec.options().stream().filter(o -> o.usageHelp() || o.versionHelp()).toList();
        help.forEach(spec::remove);
        ALL.forEach(f -> spec.addOption(f.option(values)));
        help.forEach(spec::addOption);
        return spec;
    }

    /** Sets every table setting on {@code b}, the defaults taken from {@code defaults}. */
    static void applyAll(Builder b, JmConfig cfg, Map<String, Object> values, DirectoryConfig defaults) {
        for (Flag f : ALL) {
            f.setting().ifPresent(s -> s.apply(b, cfg, values.get(f.name()), defaults));
        }
    }

    private static Flag plain(String name, String label, Class<?> type, String description) {
        return new Flag(name, label, type, description, Optional.empty());
    }

    private static Flag ints(String name, String label, String key, int min, int max, BiConsumer<Builder, Integer> set,
            Function<DirectoryConfig, Integer> def, String description) {
        return new Flag(name, label, Integer.class, description, Optional.of(new Setting<>(key,
                (cfg, k, flag, d) -> cfg.intValue(StartDirectoryCommand.SECTION, k, (Integer) flag, d, min, max), set,
                def)));
    }

    private static Flag seconds(String name, String key, int min, BiConsumer<Builder, Duration> set,
            Function<DirectoryConfig, Duration> def, String description) {
        return new Flag(name, "SECONDS", Integer.class, description, Optional.of(new Setting<>(key,
                (cfg, k, flag, d) -> Duration.ofSeconds(cfg.longValue(StartDirectoryCommand.SECTION, k,
                        flag == null ? null : ((Integer) flag).longValue(), d.toSeconds(), min, MAX_SECONDS)), set,
                def)));
    }

    private static Flag host(String name, String key, BiConsumer<Builder, String> set,
            Function<DirectoryConfig, String> def, String description) {
        return new Flag(name, "ADDR", String.class, description, Optional.of(new Setting<>(key,
                (cfg, k, flag, d) -> cfg.host(StartDirectoryCommand.SECTION, k, (String) flag, d), set, def)));
    }
}
