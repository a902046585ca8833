package jm.cli.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jm.core.Network;
import jm.core.ProtocolException;
import jm.net.channel.MessageChannelConfig;
import jm.net.transport.Endpoint;
import jm.net.transport.SocksProxy;

/**
 * {@code [network]}: the JoinMarket network announced to peers ({@code network}), the Bitcoin
 * chain ({@code bitcoin_network}, defaulting to {@code network}) and {@code directory_servers}.
 *
 * @param network          the configured protocol network, empty if not configured
 * @param bitcoinNetwork   the configured chain, empty if not configured
 * @param directoryServers the directory entries as written (flag, environment or file)
 */
public record NetworkSettings(Optional<Network> network, Optional<Network> bitcoinNetwork,
                              List<String> directoryServers) {
    public static final String SECTION = "network";

    public NetworkSettings {
        directoryServers = List.copyOf(directoryServers);
    }

    /**
     * Reads the section.
     *
     * @param networkFlag     {@code --network}, or null (overrides {@code network})
     * @param directoryFlags  {@code --directory} values, or null/empty
     */
    public static NetworkSettings read(JmConfig c, String networkFlag, List<String> directoryFlags) {
        Optional<Network> net = parse(c, "network", networkFlag);
        Optional<Network> chain = parse(c, "bitcoin_network", null);
        List<String> dirs = c.list(SECTION, "directory_servers", directoryFlags, List.of());
        for (String d : dirs) {
            try {
                Endpoint.parse(d.trim());
            } catch (ProtocolException | IllegalArgumentException e) {
                String flag = directoryFlags != null && !directoryFlags.isEmpty() ? String.join(",", directoryFlags)
                        : null;
                throw c.invalid(SECTION, "directory_servers", flag, "has an entry '" + d + "' that is not HOST:PORT ("
                        + e.getMessage() + ")");
            }
        }
        return new NetworkSettings(net, chain, dirs);
    }

    private static Optional<Network> parse(JmConfig c, String key, String flag) {
        Optional<String> v = flag != null ? Optional.of(flag) : c.string(SECTION, key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Network.parseUserInput(v.get()));
        } catch (IllegalArgumentException e) {
            throw c.invalid(SECTION, key, flag, "is not one of mainnet, testnet, signet, regtest");
        }
    }

    /** The chain for new wallets: {@code bitcoin_network}, else {@code network}, else mainnet. */
    public Network chain() {
        return bitcoinNetwork.or(() -> network).orElse(Network.MAINNET);
    }

    /**
     * The network name announced to peers: {@code network} if configured, else the wallet's chain's
     * default ({@link Network#defaultAnnouncedName()}: {@code testnet} on regtest).
     */
    public String announcedFor(Network walletChain) {
        return network.map(Network::wireName).orElseGet(walletChain::defaultAnnouncedName);
    }

    /**
     * The message channel to the market announcing {@code announced}: through the Tor SOCKS5
     * proxy {@code socks}, or plain TCP (local mode) without one.
     */
    public static MessageChannelConfig channel(String announced, List<Endpoint> dirs, Optional<SocksProxy> socks) {
        return socks.map(s -> MessageChannelConfig.tor(announced, dirs, s))
                .orElseGet(() -> MessageChannelConfig.local(announced, dirs));
    }

    /** The directory nodes, parsed; at least one is required. */
    public List<Endpoint> directoryEndpoints() {
        if (directoryServers.isEmpty()) {
            throw new ConfigException("no directory: give --directory HOST:PORT or [network] directory_servers");
        }
        List<Endpoint> out = new ArrayList<>();
        for (String n : directoryServers) {
            try {
                out.add(Endpoint.parse(n.trim()));
            } catch (ProtocolException | IllegalArgumentException e) {
                throw new ConfigException("[network] directory_servers: bad entry '" + n + "': " + e.getMessage());
            }
        }
        return out;
    }
}
