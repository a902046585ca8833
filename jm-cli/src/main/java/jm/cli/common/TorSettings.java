package jm.cli.common;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import jm.net.tor.TorAuth;
import jm.net.transport.SocksProxy;

/**
 * {@code [tor]}: the SOCKS5 proxy (its presence selects Tor mode for maker and taker), the
 * control port and its authentication.
 *
 * @param socks        the SOCKS5 proxy, empty = local mode (plain TCP)
 * @param controlHost  control port host
 * @param controlPort  control port
 * @param cookiePath   control cookie file, empty = the path Tor announces
 * @param password     control password (redacted in {@link #toString()})
 */
public record TorSettings(Optional<InetSocketAddress> socks, String controlHost, int controlPort,
                          Optional<Path> cookiePath, Optional<Secret> password) {
    public static final String SECTION = "tor";

    public TorSettings {
        if (controlHost == null || controlHost.isBlank() || controlPort < 1 || controlPort > 65_535) {
            throw new IllegalArgumentException("bad Tor control address");
        }
    }

    /**
     * Reads the section; flags (null = not given) win.
     *
     * @param socksFlag   {@code --socks5 HOST:PORT} ({@code none} = local mode)
     * @param controlFlag {@code --tor-control HOST:PORT}
     * @param cookieFlag  {@code --tor-cookie FILE}
     */
    public static TorSettings read(JmConfig c, String socksFlag, String controlFlag, Path cookieFlag) {
        Optional<InetSocketAddress> socks;
        if (socksFlag != null) {
            socks = socksFlag.isBlank() || socksFlag.equalsIgnoreCase("none") ? Optional.empty()
                    : Optional.of(hostPort("--socks5", socksFlag));
        } else {
            Optional<String> host = c.string(SECTION, "socks_host");
            int port = c.intValue(SECTION, "socks_port", null, 9050, 1, 65_535);
            socks = host.filter(h -> !h.isBlank() && !h.equalsIgnoreCase("none"))
                    .map(h -> new InetSocketAddress(h.trim(), port));
        }
        String controlHost;
        int controlPort;
        if (controlFlag != null) {
            InetSocketAddress a = hostPort("--tor-control", controlFlag);
            controlHost = a.getHostString();
            controlPort = a.getPort();
        } else {
            controlHost = c.string(SECTION, "control_host", null, "127.0.0.1");
            controlPort = c.intValue(SECTION, "control_port", null, 9051, 1, 65_535);
        }
        Optional<Path> cookie = cookieFlag != null ? Optional.of(cookieFlag)
                : c.string(SECTION, "cookie_path").filter(s -> !s.isBlank()).map(Path::of);
        Optional<Secret> password = c.string(SECTION, "password").filter(s -> !s.isEmpty()).map(Secret::new);
        return new TorSettings(socks, controlHost, controlPort, cookie, password);
    }

    /** The SOCKS5 proxy without credentials (stream isolation adds its own). */
    public Optional<SocksProxy> socksProxy() {
        return socks.map(SocksProxy::noAuth);
    }

    /** The control port address. */
    public InetSocketAddress control() {
        return new InetSocketAddress(controlHost, controlPort);
    }

    /** Control port authentication: whatever Tor offers, with our password and cookie file. */
    public TorAuth auth() {
        return new TorAuth.Auto(password.map(Secret::value), cookiePath);
    }

    /** Parses {@code HOST:PORT} (IPv6 in brackets), naming the flag in errors. */
    public static InetSocketAddress hostPort(String what, String hp) {
        String s = hp.trim();
        int colon = s.lastIndexOf(':');
        if (colon < 1 || colon == s.length() - 1) {
            throw new ConfigException(what + ": expected HOST:PORT, got '" + hp + "'");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(what + ": bad port in '" + hp + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new ConfigException(what + ": port out of range in '" + hp + "'");
        }
        InetSocketAddress a = new InetSocketAddress(host, port);
        if (a.isUnresolved()) {
            throw new ConfigException(what + ": cannot resolve host '" + host + "'");
        }
        return a;
    }
}
