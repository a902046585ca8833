package jm.demo.tor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import jm.net.channel.DirectServing;
import jm.net.tor.OnionRequest;
import jm.net.tor.OnionService;
import jm.net.tor.OnionServiceKey;
import jm.net.tor.TorControlClient;
import jm.net.transport.SocksProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo market's side of a {@link PrivateTorNetwork}: client {@code c0} is the Tor of the
 * directory and the makers (it hosts the directory's persistent onion service and the makers'
 * ephemeral ones, and carries the makers' outgoing connections), client {@code c1} is the taker's
 * Tor. Peers reach each other only through these SOCKS ports, as on mainnet; the channel adds
 * stream isolation through SOCKS credentials.
 */
public final class DemoTor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoTor.class);
    /** Generous: the measured p90 is ~30 s with one outlier at 74 s on 2 cores. */
    public static final Duration BOOTSTRAP_TIMEOUT = Duration.ofSeconds(240);

    private final PrivateTorNetwork network;
    private final SecureRandom random;
    private final List<TorControlClient> controls = new ArrayList<>();
    private final Map<Integer, TorControlClient> makerControls = new ConcurrentHashMap<>();

    private DemoTor(PrivateTorNetwork network, SecureRandom random) {
        this.network = network;
        this.random = random;
    }

    /** Starts a private Tor network with two clients under {@code dir}. */
    public static DemoTor start(Path dir, SecureRandom random, Consumer<String> progress)
            throws IOException, InterruptedException {
        return new DemoTor(PrivateTorNetwork.start(dir, 2, BOOTSTRAP_TIMEOUT, progress), random);
    }

    public PrivateTorNetwork network() {
        return network;
    }

    /** The Tor of the directory and the makers. */
    public PrivateTorNetwork.Client makerTor() {
        return network.client(0);
    }

    /** The taker's Tor. */
    public PrivateTorNetwork.Client takerTor() {
        return network.client(1);
    }

    /** The makers' (and directory's) SOCKS proxy; the channel adds per-purpose credentials. */
    public SocksProxy makerSocks() {
        return SocksProxy.noAuth(makerTor().socks());
    }

    /** The taker's SOCKS proxy. */
    public SocksProxy takerSocks() {
        return SocksProxy.noAuth(takerTor().socks());
    }

    /**
     * Publishes the directory's onion service (virtual port 5222 to {@code target}) with the key
     * in {@code keyFile}, making and saving (mode 0600) a new key on first use, so the address
     * stays the same across restarts of a kept demo directory. The service lives until {@link #close()}.
     */
    public synchronized OnionService publishDirectory(Path keyFile, InetSocketAddress target) throws IOException {
        TorControlClient c = makerTor().openControl(random);
        try {
            boolean existing = Files.exists(keyFile);
            OnionRequest req = existing ? OnionRequest.fromKey(OnionServiceKey.load(keyFile), target)
                    : OnionRequest.newPersistent(target);
            OnionService s = c.addOnion(req.withPow(OnionRequest.PowDefense.enabled()));
            if (!existing) {
                Files.createDirectories(keyFile.getParent());
                s.key().orElseThrow(() -> new IOException("Tor returned no key for a new persistent onion"))
                        .save(keyFile);
            }
            controls.add(c);
            return s;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Maker {@code index}'s direct server: an ephemeral onion service (key discarded) with Tor's
     * proof-of-work defence on, as in production, made through the makers' Tor control port.
     */
    public DirectServing makerServing(int index) {
        return new DirectServing.Onion(new InetSocketAddress("127.0.0.1", 0), () -> {
            try {
                TorControlClient c = makerTor().openControl(random);
                makerControls.put(index, c);
                return c;
            } catch (IOException e) {
                throw new UncheckedIOException("Tor control port " + makerTor().control() + ": " + e.getMessage(), e);
            }
        }, Optional.of(OnionRequest.PowDefense.enabled()));
    }

    /**
     * Removes maker {@code index}'s onion service (DEL_ONION and closing its control connection,
     * which is what Tor does when the maker's Tor goes away); its direct connections break.
     * Tests use it to make a maker's onion disappear mid-session.
     */
    public void dropMakerOnion(int index) {
        TorControlClient c = makerControls.remove(index);
        if (c == null) {
            throw new IllegalStateException("maker " + index + " has no onion service");
        }
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("closing maker {}'s control connection: {}", index, e.toString());
        }
    }

    /** Removes the directory's service and stops the network (every tor process). */
    @Override
    public synchronized void close() {
        for (TorControlClient c : controls) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.debug("closing a Tor control connection: {}", e.toString());
            }
        }
        controls.clear();
        network.close();
    }
}
