package jm.cli.directory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import jm.cli.common.CommonOptions;
import jm.cli.common.CommandRun;
import jm.cli.common.ConfigException;
import jm.cli.common.JmConfig;
import jm.cli.common.NetworkSettings;
import jm.cli.common.TorSettings;
import jm.core.Network;
import jm.core.crypto.NickKey;
import jm.core.wire.NickAuth;
import jm.directory.config.DirectoryConfig;
import jm.directory.config.NickAuthMode;
import jm.directory.server.DirectoryServer;
import jm.directory.server.TimeSource;
import jm.net.tor.OnionRequest;
import jm.net.tor.OnionService;
import jm.net.tor.OnionServiceKey;
import jm.net.tor.TorControlClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jm directory start}. Every option can also be set in config.toml section
 * {@code [directory_server]} (alias {@code [directory]}; see docs/configuration.md) or the
 * environment ({@code DIRECTORY_SERVER__KEY});
 * a flag beats the environment, which beats the file, which beats the default.
 */
@Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Start a directory node and run until interrupted.",
            "",
            "Local mode (--local) serves plain TCP for regtest and tests. Otherwise the node listens on "
                + "--host:--port behind a Tor onion service created through the Tor control port; its key is kept in "
                + "<data-dir>/directory/onion_service_key so the address survives restarts.",
            "",
            "Health (/health, JSON) and Prometheus metrics (/metrics) are served on --health-host:--health-port.",
            "",
            "Every option can also be set in section [directory_server] of config.toml (JoinMarket NG's name; "
                + "[directory] is read too; key = long option name with '_' for '-', e.g. max_peers, except the NG "
                + "names heartbeat_sweep_interval, heartbeat_idle_threshold, heartbeat_hard_evict) or in the "
                + "environment as DIRECTORY_SERVER__<KEY> (e.g. DIRECTORY_SERVER__MAX_PEERS); a flag beats the "
                + "environment, which beats the file, which beats the default. See docs/configuration.md.",
            ""},
        footer = {"", "Example (for regtest peers, which announce testnet):",
                "  jm directory start --network testnet --local --host 127.0.0.1 --port 5222"})
public final class StartDirectoryCommand implements Callable<Integer>, jm.cli.common.CliFactory.ContextAware {
    private static final Logger LOG = LoggerFactory.getLogger(StartDirectoryCommand.class);
    static final String SECTION = "directory_server";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Override
    public void useContext(jm.cli.common.CliContext invocation) {
        common.useContext(invocation);
    }

    @Option(names = "--network", paramLabel = "NAME",
            description = "Network announced and required in handshakes: mainnet, testnet, signet or regtest "
                    + "(config: [network] network; default mainnet).")
    String network;

    @Option(names = "--local", description = "Plain TCP, no Tor: peers use host:port locations (regtest/tests).")
    Boolean local;

    @Option(names = "--host", paramLabel = "ADDR", description = "Address to listen on (default 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on; 0 = any free port (default 5222).")
    Integer port;

    @Option(names = "--max-peers", paramLabel = "N", description = "Handshaked peers allowed at once (default 10000).")
    Integer maxPeers;

    @Option(names = "--motd", paramLabel = "TEXT", description = "Message of the day sent in the handshake answer.")
    String motd;

    @Option(names = "--max-line-length", paramLabel = "BYTES",
            description = "Lines longer than this close the connection (default 65536).")
    Integer maxLineLength;

    @Option(names = "--max-json-nesting-depth", paramLabel = "N", description = "JSON nesting limit (default 10).")
    Integer maxJsonNestingDepth;

    @Option(names = "--message-rate-limit", paramLabel = "PER_S",
            description = "Per-connection sustained messages per second (default 500).")
    Integer messageRateLimit;

    @Option(names = "--message-burst-limit", paramLabel = "N",
            description = "Per-connection message burst (default 1000).")
    Integer messageBurstLimit;

    @Option(names = "--pubmsg-rate-limit", paramLabel = "PER_S",
            description = "Per-connection PUBMSG broadcasts per second (default 5).")
    Integer pubmsgRateLimit;

    @Option(names = "--pubmsg-burst-limit", paramLabel = "N", description = "Per-connection PUBMSG burst (default 50).")
    Integer pubmsgBurstLimit;

    @Option(names = "--broadcast-deliveries-per-second", paramLabel = "N",
            description = "Directory-wide budget of PUBMSG copies per second (a broadcast to N peers costs N; at most "
                    + "0.2 s worth at once); broadcasts beyond it are dropped; 0 = unlimited (default 20000).")
    Long broadcastDeliveriesPerSecond;

    @Option(names = "--orderbook-interval", paramLabel = "SECONDS",
            description = "Minimum spacing of !orderbook requests per connection after the burst (default 10).")
    Integer orderbookInterval;

    @Option(names = "--orderbook-burst", paramLabel = "N", description = "!orderbook requests allowed back to back (default 1).")
    Integer orderbookBurst;

    @Option(names = "--rate-limit-disconnect-threshold", paramLabel = "N",
            description = "Dropped messages after which a connection is closed and banned; 0 = never (default 100).")
    Integer rateLimitDisconnectThreshold;

    @Option(names = "--ban-duration", paramLabel = "SECONDS", description = "How long a ban lasts (default 3600).")
    Integer banDuration;

    @Option(names = "--ban-loopback-addresses",
            description = "Also ban by address when the offender connects from loopback (off by default: "
                    + "every Tor connection comes from 127.0.0.1).")
    Boolean banLoopbackAddresses;

    @Option(names = "--handshake-timeout", paramLabel = "SECONDS",
            description = "Connections must handshake within this (default 30).")
    Integer handshakeTimeout;

    @Option(names = "--heartbeat-sweep", paramLabel = "SECONDS", description = "Heartbeat sweep interval (default 60).")
    Integer heartbeatSweep;

    @Option(names = "--heartbeat-probe-after", paramLabel = "SECONDS",
            description = "Idle time before a peer is probed with PING or !orderbook (default 600).")
    Integer heartbeatProbeAfter;

    @Option(names = "--heartbeat-pong-wait", paramLabel = "SECONDS",
            description = "Time a pinged peer has to answer (default 30).")
    Integer heartbeatPongWait;

    @Option(names = "--heartbeat-evict-after", paramLabel = "SECONDS",
            description = "Idle time after which a peer is evicted (default 1500).")
    Integer heartbeatEvictAfter;

    @Option(names = "--send-timeout", paramLabel = "SECONDS",
            description = "A peer that stops reading for this long is dropped (default 30).")
    Integer sendTimeout;

    @Option(names = "--health-host", paramLabel = "ADDR",
            description = "Loopback address of the HTTP health/metrics endpoint (config: health_check_host; "
                    + "default 127.0.0.1).")
    String healthHost;

    @Option(names = "--health-port", paramLabel = "N",
            description = "Port of the HTTP endpoint; 0 = any free port, -1 = disabled (config: health_check_port; "
                    + "default 8080).")
    Integer healthPort;

    @Option(names = "--io-threads", paramLabel = "N", description = "Netty event-loop threads; 0 = 2 x cores (default 0).")
    Integer ioThreads;

    @Option(names = "--tor-control-host", paramLabel = "ADDR",
            description = "Tor control port host (config: [tor] control_host; default 127.0.0.1).")
    String torControlHost;

    @Option(names = "--tor-control-port", paramLabel = "N",
            description = "Tor control port (config: [tor] control_port; default 9051).")
    Integer torControlPort;

    @Option(names = "--tor-cookie-file", paramLabel = "FILE",
            description = "Tor control auth cookie (default: the path Tor announces).")
    Path torCookieFile;

    @Option(names = "--tor-pow", description = "Ask Tor for proof-of-work DoS defence on the onion service "
            + "where the Tor version supports it (config: pow_defense).")
    Boolean torPow;

    /** A started node with its optional onion service; close to stop. */
    public static final class Running implements AutoCloseable {
        private final DirectoryServer server;
        private final TorControlClient tor;
        private final OnionService onion;

        Running(DirectoryServer server, TorControlClient tor, OnionService onion) {
            this.server = server;
            this.tor = tor;
            this.onion = onion;
        }

        public DirectoryServer server() {
            return server;
        }

        /** The onion location ({@code host.onion:5222}) in Tor mode. */
        public Optional<String> onionLocation() {
            return Optional.ofNullable(onion).map(OnionService::locationString);
        }

        @Override
        public void close() {
            if (tor != null) {
                try {
                    if (onion != null) {
                        tor.delOnion(onion.serviceId());
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn("DEL_ONION failed: {}", e.toString());
                }
                try {
                    tor.close();
                } catch (IOException e) {
                    LOG.debug("closing Tor control connection: {}", e.toString());
                }
            }
            server.close();
        }
    }

    /** Resolves the configuration (flags, environment, config.toml, defaults). */
    public DirectoryConfig resolve(JmConfig cfg, Path dataDir) {
        String net = network != null ? network
                : NetworkSettings.read(cfg, null, null).network().map(Network::wireName).orElse("mainnet");
        String wireName;
        try {
            wireName = Network.parseUserInput(net).wireName();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--network: " + e.getMessage());
        }
        boolean localMode = cfg.bool(SECTION, "local", local, false);
        DirectoryConfig.Builder b = DirectoryConfig.localDefaults(wireName).localMode(localMode).dataDir(dataDir);
        DirectoryConfig d = b.build();
        b.host(cfg.host(SECTION, "host", host, d.host()))
                .port(cfg.intValue(SECTION, "port", port, d.port(), 0, 65_535))
                .maxPeers(cfg.intValue(SECTION, "max_peers", maxPeers, d.maxPeers(), 1, 10_000_000))
                .motd(cfg.string(SECTION, "motd", motd, d.motd()))
                .maxLineLength(cfg.intValue(SECTION, "max_line_length", maxLineLength, d.maxLineLength(), 1_024, 1 << 24))
                .maxJsonNestingDepth(cfg.intValue(SECTION, "max_json_nesting_depth", maxJsonNestingDepth,
                        d.maxJsonNestingDepth(), 2, 1_000))
                .messageRateLimit(cfg.intValue(SECTION, "message_rate_limit", messageRateLimit, d.messageRateLimit(),
                        1, 10_000_000))
                .messageBurstLimit(cfg.intValue(SECTION, "message_burst_limit", messageBurstLimit,
                        d.messageBurstLimit(), 1, 10_000_000))
                .pubmsgRateLimit(cfg.intValue(SECTION, "pubmsg_rate_limit", pubmsgRateLimit, d.pubmsgRateLimit(),
                        1, 10_000_000))
                .pubmsgBurstLimit(cfg.intValue(SECTION, "pubmsg_burst_limit", pubmsgBurstLimit, d.pubmsgBurstLimit(),
                        1, 10_000_000))
                .broadcastDeliveriesPerSecond(cfg.longValue(SECTION, "broadcast_deliveries_per_second",
                        broadcastDeliveriesPerSecond, d.broadcastDeliveriesPerSecond(), 0, 1_000_000_000L))
                .orderbookInterval(seconds(cfg, "orderbook_interval", orderbookInterval, d.orderbookInterval(), 0))
                .orderbookBurst(cfg.intValue(SECTION, "orderbook_burst", orderbookBurst, d.orderbookBurst(), 1,
                        1_000_000))
                .rateLimitDisconnectThreshold(cfg.intValue(SECTION, "rate_limit_disconnect_threshold",
                        rateLimitDisconnectThreshold, d.rateLimitDisconnectThreshold(), 0, Integer.MAX_VALUE))
                .banDuration(seconds(cfg, "ban_duration", banDuration, d.banDuration(), 0))
                .banLoopbackAddresses(cfg.bool(SECTION, "ban_loopback_addresses", banLoopbackAddresses,
                        d.banLoopbackAddresses()))
                .handshakeTimeout(seconds(cfg, "handshake_timeout", handshakeTimeout, d.handshakeTimeout(), 1))
                .heartbeatSweep(seconds(cfg, "heartbeat_sweep_interval", heartbeatSweep, d.heartbeatSweep(), 1))
                .heartbeatProbeAfter(seconds(cfg, "heartbeat_idle_threshold", heartbeatProbeAfter,
                        d.heartbeatProbeAfter(), 1))
                .heartbeatPongWait(seconds(cfg, "heartbeat_pong_wait", heartbeatPongWait, d.heartbeatPongWait(), 1))
                .heartbeatEvictAfter(seconds(cfg, "heartbeat_hard_evict", heartbeatEvictAfter,
                        d.heartbeatEvictAfter(), 1))
                .sendTimeout(seconds(cfg, "send_timeout", sendTimeout, d.sendTimeout(), 1))
                .healthCheckHost(cfg.host(SECTION, "health_check_host", healthHost, d.healthCheckHost()))
                .healthCheckPort(cfg.intValue(SECTION, "health_check_port", healthPort, d.healthCheckPort(), -1,
                        65_535))
                .ioThreads(cfg.intValue(SECTION, "io_threads", ioThreads, d.ioThreads(), 0, 1_024))
                .torControlHost(torControlHost != null ? torControlHost : torSettings(cfg).controlHost())
                .torControlPort(torControlPort != null ? torControlPort : torSettings(cfg).controlPort());
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("[directory_server] " + e.getMessage());
        }
    }

    /** [tor] control_host, control_port, cookie_path (--tor-cookie wins) and password. */
    TorSettings torSettings(JmConfig cfg) {
        return TorSettings.read(cfg, null, null, torCookieFile);
    }

    /** [directory_server] nick_auth_mode. */
    public static NickAuthMode nickAuthMode(JmConfig cfg) {
        String v = cfg.string(SECTION, "nick_auth_mode", null, NickAuthMode.PREFER_VERIFIED.configValue());
        try {
            return NickAuthMode.parse(v);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("[directory_server] " + e.getMessage() + ", not " + v);
        }
    }

    /** [directory_server] nick_auth_directory_id, if set. */
    public static Optional<String> directoryId(JmConfig cfg) {
        Optional<String> id = cfg.string(SECTION, "nick_auth_directory_id");
        if (id.isPresent() && !NickAuth.isValidDirectoryId(id.get())) {
            throw new ConfigException("[directory_server] nick_auth_directory_id must match [a-z0-9][a-z0-9.:_-]*, not "
                    + id.get());
        }
        return id;
    }

    /** [directory_server] pow_defense (--tor-pow wins). */
    public boolean powDefense(JmConfig cfg) {
        return cfg.bool(SECTION, "pow_defense", torPow, false);
    }

    private static Duration seconds(JmConfig cfg, String key, Integer flag, Duration def, int min) {
        return Duration.ofSeconds(cfg.longValue(SECTION, key, flag == null ? null : flag.longValue(),
                def.toSeconds(), min, 31_536_000));
    }

    /** Starts the node (and the onion service in Tor mode) and returns without blocking. */
    public Running startNode(Map<String, String> env) throws IOException, InterruptedException {
        Path dataDir = common.dataDir();
        JmConfig cfg = common.config(env);
        DirectoryConfig config = resolve(cfg, dataDir);
        SecureRandom random = new SecureRandom();
        NickKey nickKey = NickKey.random(random);
        NickAuthMode nickAuthMode = nickAuthMode(cfg);
        Optional<String> directoryId = directoryId(cfg);
        DirectoryServer server = DirectoryServer.start(config, nickKey.nick(), TimeSource.SYSTEM);
        if (config.localMode()) {
            server.node().nickAuth(nickAuthMode, directoryId.orElse(server.node().directoryId()));
            System.out.println("directory " + nickKey.nick() + " listening on " + config.host() + ":" + server.port()
                    + " (local mode, network " + config.networkName() + ")");
            return new Running(server, null, null);
        }
        TorControlClient tor = null;
        try {
            tor = TorControlClient.connect(new InetSocketAddress(config.torControlHost(), config.torControlPort()),
                    Duration.ofSeconds(30), random);
            tor.authenticate(torSettings(cfg).auth());
            Path keyFile = dataDir.resolve("directory").resolve("onion_service_key");
            InetSocketAddress target = new InetSocketAddress(config.host(), server.port());
            OnionRequest req = Files.exists(keyFile)
                    ? OnionRequest.fromKey(OnionServiceKey.load(keyFile), target)
                    : OnionRequest.newPersistent(target);
            if (powDefense(cfg)) {
                req = req.withPow(OnionRequest.PowDefense.enabled());
            }
            OnionService onion = tor.addOnion(req);
            // JMP-0005: clients sign for <onion>:<virtual port>; advertised from now on
            server.node().nickAuth(nickAuthMode,
                    directoryId.orElse(NickAuth.directoryIdFor(onion.hostname(), onion.virtualPort())));
            if (!Files.exists(keyFile)) {
                Files.createDirectories(keyFile.getParent());
                onion.key().orElseThrow(() -> new IOException("Tor returned no key for a new persistent onion"))
                        .save(keyFile);
            }
            System.out.println("directory " + nickKey.nick() + " serving " + onion.locationString() + " (network "
                    + config.networkName() + ")");
            return new Running(server, tor, onion);
        } catch (IOException | RuntimeException e) {
            if (tor != null) {
                tor.close();
            }
            server.close();
            throw e;
        }
    }

    @Override
    public Integer call() throws Exception {
        Running running;
        try {
            running = startNode(common.env());
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return CommandRun.CONFIG_ERROR;
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: cannot start the directory: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        jm.cli.common.ShutdownHook.install("jm-directory-shutdown", () -> {
            running.close();
            stopped.countDown();
        });
        stopped.await();
        return 0;
    }
}
