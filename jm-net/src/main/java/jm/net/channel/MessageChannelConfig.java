package jm.net.channel;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jm.core.wire.Features;
import jm.net.transport.Backoff;
import jm.net.transport.Endpoint;
import jm.net.transport.SocksProxy;
import jm.net.transport.TransportLimits;

/**
 * Configuration of an {@link OnionMessageChannel}.
 *
 * @param network the network name announced in handshakes ({@code mainnet}, {@code testnet},
 *     {@code signet}, {@code regtest}; configured independently of the chain, PROTOCOL.md 12.5)
 * @param directories every directory to connect to ({@code onion:5222}, or {@code host:port} locally)
 * @param features features we advertise (default {@code ping}, {@code peerlist_features} and
 *                 {@code nick_auth})
 * @param socks Tor mode: every outgoing connection goes through this SOCKS5 proxy with per-purpose
 *     stream isolation; empty = local mode (plain TCP)
 * @param connectTimeout TCP (+SOCKS) connect timeout (NG uses 120 s over Tor)
 * @param reconnect backoff between directory reconnection attempts
 * @param limits per-connection transport limits (handshake timeout, buffers)
 * @param requestPeerlist send GETPEERLIST to directories that advertise {@code peerlist_features}
 * @param allowTcpPeerLocations connect directly to peers whose location is a plain {@code host:port}
 *     (test and regtest setups only)
 * @param maxNicksPerDirectory bound of the peer table per directory
 * @param directIdleTimeout close a direct connection on which nothing was read for this long
 *     (directory connections use {@code limits.readerIdle()}, zero by default: directories probe us)
 */
public record MessageChannelConfig(String network, List<Endpoint> directories, Features features,
        Optional<SocksProxy> socks, Duration connectTimeout, Backoff reconnect, TransportLimits limits,
        boolean requestPeerlist, boolean allowTcpPeerLocations, int maxNicksPerDirectory,
        Duration directIdleTimeout) {
    public MessageChannelConfig {
        Objects.requireNonNull(network, "network");
        if (!jm.core.wire.Handshake.NETWORK_NAMES.contains(network)) {
            throw new IllegalArgumentException("network must be mainnet, testnet, signet or regtest: " + network);
        }
        directories = List.copyOf(directories);
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(socks, "socks");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(reconnect, "reconnect");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(directIdleTimeout, "directIdleTimeout");
        if (directIdleTimeout.isNegative()) {
            throw new IllegalArgumentException("directIdleTimeout < 0");
        }
        if (maxNicksPerDirectory < 1) {
            throw new IllegalArgumentException("maxNicksPerDirectory < 1");
        }
    }

    /** NG client features: PING answered, {@code F:} peer lists understood, JMP-0005 nick authentication. */
    public static final Features DEFAULT_FEATURES = Features.of(Features.PING, Features.PEERLIST_FEATURES,
            Features.NICK_AUTH);

    /** Local mode (plain TCP, TCP peer locations allowed) with NG-style features. */
    public static MessageChannelConfig local(String network, List<Endpoint> directories) {
        return new MessageChannelConfig(network, directories, DEFAULT_FEATURES,
                Optional.empty(), Duration.ofSeconds(10), Backoff.defaults(), TransportLimits.defaults(), true,
                true, 10_000, Duration.ofMinutes(10));
    }

    /** Tor mode through the given SOCKS5 proxy (normally 127.0.0.1:9050). */
    public static MessageChannelConfig tor(String network, List<Endpoint> directories, SocksProxy socks) {
        return new MessageChannelConfig(network, directories, DEFAULT_FEATURES,
                Optional.of(socks), Duration.ofSeconds(120), Backoff.defaults(), TransportLimits.defaults(), true,
                false, 10_000, Duration.ofMinutes(10));
    }

    public MessageChannelConfig withFeatures(Features f) {
        return new MessageChannelConfig(network, directories, f, socks, connectTimeout, reconnect, limits,
                requestPeerlist, allowTcpPeerLocations, maxNicksPerDirectory, directIdleTimeout);
    }

    public MessageChannelConfig withConnectTimeout(Duration d) {
        return new MessageChannelConfig(network, directories, features, socks, d, reconnect, limits,
                requestPeerlist, allowTcpPeerLocations, maxNicksPerDirectory, directIdleTimeout);
    }

    public MessageChannelConfig withReconnect(Backoff b) {
        return new MessageChannelConfig(network, directories, features, socks, connectTimeout, b, limits,
                requestPeerlist, allowTcpPeerLocations, maxNicksPerDirectory, directIdleTimeout);
    }

    public MessageChannelConfig withLimits(TransportLimits l) {
        return new MessageChannelConfig(network, directories, features, socks, connectTimeout, reconnect, l,
                requestPeerlist, allowTcpPeerLocations, maxNicksPerDirectory, directIdleTimeout);
    }

    public MessageChannelConfig withDirectIdleTimeout(Duration d) {
        return new MessageChannelConfig(network, directories, features, socks, connectTimeout, reconnect, limits,
                requestPeerlist, allowTcpPeerLocations, maxNicksPerDirectory, d);
    }

    /** Transport limits for direct connections (reader-idle set to {@link #directIdleTimeout()}). */
    public TransportLimits directLimits() {
        return limits.withReaderIdle(directIdleTimeout);
    }

    public MessageChannelConfig withRequestPeerlist(boolean r) {
        return new MessageChannelConfig(network, directories, features, socks, connectTimeout, reconnect, limits,
                r, allowTcpPeerLocations, maxNicksPerDirectory, directIdleTimeout);
    }
}
