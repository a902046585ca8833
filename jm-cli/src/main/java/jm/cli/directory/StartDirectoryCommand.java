package jm.cli.directory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
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

/**
 * {@code jm directory start}. Every option can also be set in config.toml section
 * {@code [directory_server]} (alias {@code [directory]}; see docs/configuration.md) or the
 * environment ({@code DIRECTORY_SERVER__KEY});
 * a flag beats the environment, which beats the file, which beats the default.
 */
@Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = DirectoryFlags.class,
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

    /** The values of the flags given, by flag name (the options are made from {@link DirectoryFlags}). */
    final Map<String, Object> flags = new HashMap<>();

    /**
     * A started node with, in Tor mode, its onion service and the Tor control connection that
     * holds it (both null in local mode); close to stop.
     */
    public record Running(DirectoryServer server, TorControlClient tor, OnionService onion) implements AutoCloseable {
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
        String flag = (String) flags.get("--network");
        String net = flag != null ? flag
                : NetworkSettings.read(cfg, null, null).network().map(Network::wireName).orElse("mainnet");
        String wireName;
        try {
            wireName = Network.parseUserInput(net).wireName();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--network: " + e.getMessage());
        }
        boolean localMode = cfg.bool(SECTION, "local", (Boolean) flags.get("--local"), false);
        DirectoryConfig.Builder b = DirectoryConfig.localDefaults(wireName).localMode(localMode).dataDir(dataDir);
        DirectoryFlags.applyAll(b, cfg, flags, b.build());
        String torHost = (String) flags.get("--tor-control-host");
        Integer torPort = (Integer) flags.get("--tor-control-port");
        b.torControlHost(torHost != null ? torHost : torSettings(cfg).controlHost())
                .torControlPort(torPort != null ? torPort : torSettings(cfg).controlPort());
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("[directory_server] " + e.getMessage());
        }
    }

    /** [tor] control_host, control_port, cookie_path (--tor-cookie wins) and password. */
    TorSettings torSettings(JmConfig cfg) {
        return TorSettings.read(cfg, null, null, (Path) flags.get("--tor-cookie-file"));
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
        return cfg.bool(SECTION, "pow_defense", (Boolean) flags.get("--tor-pow"), false);
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
