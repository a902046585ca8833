package jm.directory.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a directory node needs, validated on construction. Key names follow JoinMarket
 * NG's {@code directory_server} settings where the meaning is the same (PROTOCOL.md 11.1
 * defaults): {@code host}, {@code port}, {@code max_peers}, {@code max_line_length},
 * {@code max_json_nesting_depth}, {@code message_rate_limit}, {@code message_burst_limit},
 * {@code rate_limit_disconnect_threshold}, {@code health_check_host}, {@code health_check_port},
 * {@code motd}.
 *
 * @param networkName          network announced and required in handshakes ({@code regtest}, ...)
 * @param host                 address to bind the peer listener to
 * @param port                 port to bind (0 = any free port)
 * @param localMode            plain TCP locations ({@code host:port}); false = Tor onion service
 * @param dataDir              where the persistent onion key lives (Tor mode); may be null in local mode
 * @param maxPeers             handshaked peers allowed at once; more get {@code accepted:false}
 * @param motd                 message of the day sent in DN_HANDSHAKE
 * @param maxLineLength        lines longer than this (bytes, excluding CRLF) close the connection
 * @param maxJsonNestingDepth  envelopes nested deeper are rejected
 * @param messageRateLimit     per-connection sustained messages per second
 * @param messageBurstLimit    per-connection bucket size
 * @param pubmsgRateLimit      per-connection PUBMSG broadcasts per second (each costs one write per peer)
 * @param pubmsgBurstLimit     per-connection PUBMSG bucket size
 * @param broadcastDeliveriesPerSecond directory-wide budget of PUBMSG copies per second (a broadcast
 *                             to N peers costs N; at most a fifth of a second's worth at once);
 *                             broadcasts beyond it are dropped; 0 = unlimited
 * @param orderbookInterval    minimum spacing of {@code !orderbook} requests per connection (after the burst)
 * @param orderbookBurst       {@code !orderbook} requests allowed back to back
 * @param rateLimitDisconnectThreshold violations (dropped messages) after which a connection is
 *                             closed and banned; 0 = never
 * @param banDuration          how long a ban by nick (and by address, where allowed) lasts
 * @param banLoopbackAddresses whether a ban also covers the remote IP when it is a loopback
 *                             address (false by default: every Tor connection comes from 127.0.0.1)
 * @param handshakeTimeout     a connection must complete its handshake within this
 * @param heartbeatSweep       interval of the heartbeat sweep
 * @param heartbeatProbeAfter  idle time after which a peer is probed (PING or {@code !orderbook})
 * @param heartbeatPongWait    how long a probed ping-capable peer has to answer
 * @param heartbeatEvictAfter  idle time after which a peer is evicted
 * @param peerlistChunkSize    entries per PEERLIST answer chunk
 * @param peerlistChunkDelay   delay between PEERLIST chunks
 * @param departureFlushDelay  departures are batched for this long before the {@code ;D} notices go out
 * @param writeBufferHigh      per-connection outbound bytes above which the peer is skipped
 * @param sendTimeout          a peer that stays unwritable this long is dropped
 * @param healthCheckHost      HTTP /health and /metrics bind address (loopback)
 * @param healthCheckPort      HTTP port; 0 = any free port, -1 = disabled
 * @param onionVirtualPort     virtual port of the onion service (Tor mode)
 * @param torControlHost       Tor control port host (Tor mode)
 * @param torControlPort       Tor control port (Tor mode)
 * @param ioThreads            Netty event-loop threads (0 = Netty default)
 */
public record DirectoryConfig(
        String networkName,
        String host,
        int port,
        boolean localMode,
        Path dataDir,
        int maxPeers,
        String motd,
        int maxLineLength,
        int maxJsonNestingDepth,
        int messageRateLimit,
        int messageBurstLimit,
        int pubmsgRateLimit,
        int pubmsgBurstLimit,
        long broadcastDeliveriesPerSecond,
        Duration orderbookInterval,
        int orderbookBurst,
        int rateLimitDisconnectThreshold,
        Duration banDuration,
        boolean banLoopbackAddresses,
        Duration handshakeTimeout,
        Duration heartbeatSweep,
        Duration heartbeatProbeAfter,
        Duration heartbeatPongWait,
        Duration heartbeatEvictAfter,
        int peerlistChunkSize,
        Duration peerlistChunkDelay,
        Duration departureFlushDelay,
        int writeBufferHigh,
        Duration sendTimeout,
        String healthCheckHost,
        int healthCheckPort,
        int onionVirtualPort,
        String torControlHost,
        int torControlPort,
        int ioThreads) {

    public static final String DEFAULT_MOTD = "joinmarket-java directory node";

    public DirectoryConfig {
        Objects.requireNonNull(networkName, "network");
        if (!networkName.matches("mainnet|testnet|signet|regtest")) {
            throw new IllegalArgumentException("network: '" + networkName
                    + "' is not one of mainnet, testnet, signet, regtest");
        }
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(motd, "motd");
        Objects.requireNonNull(healthCheckHost, "health_check_host");
        Objects.requireNonNull(torControlHost, "tor_control_host");
        range("port", port, 0, 65_535);
        range("max_peers", maxPeers, 1, 10_000_000);
        range("max_line_length", maxLineLength, 1_024, 1 << 24);
        range("max_json_nesting_depth", maxJsonNestingDepth, 2, 1_000);
        range("message_rate_limit", messageRateLimit, 1, 10_000_000);
        range("message_burst_limit", messageBurstLimit, 1, 10_000_000);
        range("pubmsg_rate_limit", pubmsgRateLimit, 1, 10_000_000);
        range("pubmsg_burst_limit", pubmsgBurstLimit, 1, 10_000_000);
        range("orderbook_burst", orderbookBurst, 1, 1_000_000);
        range("broadcast_deliveries_per_second", broadcastDeliveriesPerSecond, 0, 1_000_000_000L);
        range("rate_limit_disconnect_threshold", rateLimitDisconnectThreshold, 0, Integer.MAX_VALUE);
        range("peerlist_chunk_size", peerlistChunkSize, 1, 1_000);
        range("write_buffer_high", writeBufferHigh, 4_096, 1 << 28);
        range("health_check_port", healthCheckPort, -1, 65_535);
        range("onion_virtual_port", onionVirtualPort, 1, 65_535);
        range("tor_control_port", torControlPort, 1, 65_535);
        range("io_threads", ioThreads, 0, 1_024);
        positive("orderbook_interval", orderbookInterval, true);
        positive("ban_duration", banDuration, true);
        positive("handshake_timeout", handshakeTimeout, false);
        positive("heartbeat_sweep", heartbeatSweep, false);
        positive("heartbeat_probe_after", heartbeatProbeAfter, false);
        positive("heartbeat_pong_wait", heartbeatPongWait, false);
        positive("heartbeat_evict_after", heartbeatEvictAfter, false);
        positive("peerlist_chunk_delay", peerlistChunkDelay, true);
        positive("departure_flush_delay", departureFlushDelay, true);
        positive("send_timeout", sendTimeout, false);
        if (heartbeatEvictAfter.compareTo(heartbeatProbeAfter) < 0) {
            throw new IllegalArgumentException("heartbeat_evict_after must not be shorter than heartbeat_probe_after");
        }
        if (!localMode && dataDir == null) {
            throw new IllegalArgumentException("data_dir is required in Tor mode (it keeps the onion key)");
        }
        if (motd.length() > 2_000) {
            throw new IllegalArgumentException("motd: longer than 2000 characters");
        }
    }

    private static void range(String key, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(key + ": " + v + " is outside [" + min + ", " + max + "]");
        }
    }

    private static void positive(String key, Duration d, boolean zeroAllowed) {
        Objects.requireNonNull(d, key);
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            throw new IllegalArgumentException(key + ": must be " + (zeroAllowed ? "non-negative" : "positive"));
        }
    }

    /** Defaults of PROTOCOL.md 11.1 / 1.8 for a local (plain TCP) directory. */
    public static Builder localDefaults(String networkName) {
        return new Builder(networkName).localMode(true);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String networkName;
        private String host = "127.0.0.1";
        private int port = 5222;
        private boolean localMode;
        private Path dataDir;
        private int maxPeers = 10_000;
        private String motd = DEFAULT_MOTD;
        private int maxLineLength = 65_536;
        private int maxJsonNestingDepth = 10;
        private int messageRateLimit = 500;
        private int messageBurstLimit = 1_000;
        private int pubmsgRateLimit = 5;
        private int pubmsgBurstLimit = 50;
        private long broadcastDeliveriesPerSecond = 20_000;
        private Duration orderbookInterval = Duration.ofSeconds(10);
        private int orderbookBurst = 1;
        private int rateLimitDisconnectThreshold = 100;
        private Duration banDuration = Duration.ofSeconds(3_600);
        private boolean banLoopbackAddresses;
        private Duration handshakeTimeout = Duration.ofSeconds(30);
        private Duration heartbeatSweep = Duration.ofSeconds(60);
        private Duration heartbeatProbeAfter = Duration.ofSeconds(600);
        private Duration heartbeatPongWait = Duration.ofSeconds(30);
        private Duration heartbeatEvictAfter = Duration.ofSeconds(1_500);
        private int peerlistChunkSize = 20;
        private Duration peerlistChunkDelay = Duration.ofMillis(50);
        private Duration departureFlushDelay = Duration.ofMillis(200);
        private int writeBufferHigh = 256 * 1024;
        private Duration sendTimeout = Duration.ofSeconds(30);
        private String healthCheckHost = "127.0.0.1";
        private int healthCheckPort = 8080;
        private int onionVirtualPort = 5222;
        private String torControlHost = "127.0.0.1";
        private int torControlPort = 9051;
        private int ioThreads;

        public Builder(String networkName) {
            this.networkName = networkName;
        }

        private Builder(DirectoryConfig c) {
            networkName = c.networkName; host = c.host; port = c.port; localMode = c.localMode;
            dataDir = c.dataDir; maxPeers = c.maxPeers; motd = c.motd; maxLineLength = c.maxLineLength;
            maxJsonNestingDepth = c.maxJsonNestingDepth; messageRateLimit = c.messageRateLimit;
            messageBurstLimit = c.messageBurstLimit; pubmsgRateLimit = c.pubmsgRateLimit;
            pubmsgBurstLimit = c.pubmsgBurstLimit; broadcastDeliveriesPerSecond = c.broadcastDeliveriesPerSecond;
            orderbookInterval = c.orderbookInterval;
            orderbookBurst = c.orderbookBurst; rateLimitDisconnectThreshold = c.rateLimitDisconnectThreshold;
            banDuration = c.banDuration; banLoopbackAddresses = c.banLoopbackAddresses;
            handshakeTimeout = c.handshakeTimeout; heartbeatSweep = c.heartbeatSweep;
            heartbeatProbeAfter = c.heartbeatProbeAfter; heartbeatPongWait = c.heartbeatPongWait;
            heartbeatEvictAfter = c.heartbeatEvictAfter; peerlistChunkSize = c.peerlistChunkSize;
            peerlistChunkDelay = c.peerlistChunkDelay; departureFlushDelay = c.departureFlushDelay;
            writeBufferHigh = c.writeBufferHigh; sendTimeout = c.sendTimeout; healthCheckHost = c.healthCheckHost;
            healthCheckPort = c.healthCheckPort; onionVirtualPort = c.onionVirtualPort;
            torControlHost = c.torControlHost; torControlPort = c.torControlPort; ioThreads = c.ioThreads;
        }

        public Builder networkName(String v) { networkName = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder localMode(boolean v) { localMode = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder maxPeers(int v) { maxPeers = v; return this; }
        public Builder motd(String v) { motd = v; return this; }
        public Builder maxLineLength(int v) { maxLineLength = v; return this; }
        public Builder maxJsonNestingDepth(int v) { maxJsonNestingDepth = v; return this; }
        public Builder messageRateLimit(int v) { messageRateLimit = v; return this; }
        public Builder messageBurstLimit(int v) { messageBurstLimit = v; return this; }
        public Builder pubmsgRateLimit(int v) { pubmsgRateLimit = v; return this; }
        public Builder pubmsgBurstLimit(int v) { pubmsgBurstLimit = v; return this; }
        public Builder broadcastDeliveriesPerSecond(long v) { broadcastDeliveriesPerSecond = v; return this; }
        public Builder orderbookInterval(Duration v) { orderbookInterval = v; return this; }
        public Builder orderbookBurst(int v) { orderbookBurst = v; return this; }
        public Builder rateLimitDisconnectThreshold(int v) { rateLimitDisconnectThreshold = v; return this; }
        public Builder banDuration(Duration v) { banDuration = v; return this; }
        public Builder banLoopbackAddresses(boolean v) { banLoopbackAddresses = v; return this; }
        public Builder handshakeTimeout(Duration v) { handshakeTimeout = v; return this; }
        public Builder heartbeatSweep(Duration v) { heartbeatSweep = v; return this; }
        public Builder heartbeatProbeAfter(Duration v) { heartbeatProbeAfter = v; return this; }
        public Builder heartbeatPongWait(Duration v) { heartbeatPongWait = v; return this; }
        public Builder heartbeatEvictAfter(Duration v) { heartbeatEvictAfter = v; return this; }
        public Builder peerlistChunkSize(int v) { peerlistChunkSize = v; return this; }
        public Builder peerlistChunkDelay(Duration v) { peerlistChunkDelay = v; return this; }
        public Builder departureFlushDelay(Duration v) { departureFlushDelay = v; return this; }
        public Builder writeBufferHigh(int v) { writeBufferHigh = v; return this; }
        public Builder sendTimeout(Duration v) { sendTimeout = v; return this; }
        public Builder healthCheckHost(String v) { healthCheckHost = v; return this; }
        public Builder healthCheckPort(int v) { healthCheckPort = v; return this; }
        public Builder onionVirtualPort(int v) { onionVirtualPort = v; return this; }
        public Builder torControlHost(String v) { torControlHost = v; return this; }
        public Builder torControlPort(int v) { torControlPort = v; return this; }
        public Builder ioThreads(int v) { ioThreads = v; return this; }

        public DirectoryConfig build() {
            return new DirectoryConfig(networkName, host, port, localMode, dataDir, maxPeers, motd, maxLineLength,
                    maxJsonNestingDepth, messageRateLimit, messageBurstLimit, pubmsgRateLimit, pubmsgBurstLimit,
                    broadcastDeliveriesPerSecond, orderbookInterval, orderbookBurst, rateLimitDisconnectThreshold, banDuration,
                    banLoopbackAddresses, handshakeTimeout, heartbeatSweep, heartbeatProbeAfter, heartbeatPongWait,
                    heartbeatEvictAfter, peerlistChunkSize, peerlistChunkDelay, departureFlushDelay, writeBufferHigh,
                    sendTimeout, healthCheckHost, healthCheckPort, onionVirtualPort, torControlHost, torControlPort,
                    ioThreads);
        }
    }
}
