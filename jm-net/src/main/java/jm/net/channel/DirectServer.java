package jm.net.channel;

import io.netty.channel.ChannelHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import jm.core.wire.Location;
import jm.core.wire.NotServing;
import jm.core.wire.OnionLocation;
import jm.core.wire.TcpLocation;
import jm.net.tor.OnionRequest;
import jm.net.tor.OnionService;
import jm.net.tor.TorControlClient;
import jm.net.transport.JmServer;
import jm.net.transport.NetRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our direct server (makers): binds the listening socket, refuses banned addresses and
 * connections beyond the cap on accept, and in Tor mode publishes it as an ephemeral onion
 * service. The control port blocks (ADD_ONION, DEL_ONION), so that runs on the server's own
 * single Tor thread, never on an event loop or the caller's listener executor. Thread-safe.
 */
final class DirectServer {
    private static final Logger LOG = LoggerFactory.getLogger(DirectServer.class);

    private final DirectServing serving;
    private final DirectServerLimits limits;
    private final NetRuntime runtime;
    private final OwnIdentity own;
    private final BanList bans;
    private final Function<InetSocketAddress, String> banKey;
    private final DirectConnections connections;
    private volatile Location location = NotServing.INSTANCE;
    private volatile JmServer server;
    private volatile TorControlClient control;
    private volatile ExecutorService torThread;

    DirectServer(DirectServing serving, DirectServerLimits limits, NetRuntime runtime, OwnIdentity own, BanList bans,
            Function<InetSocketAddress, String> banKey, DirectConnections connections) {
        this.serving = serving;
        this.limits = limits;
        this.runtime = runtime;
        this.own = own;
        this.bans = bans;
        this.banKey = banKey;
        this.connections = connections;
    }

    /**
     * Binds (if serving) with a fresh handler per accepted connection; completes when our
     * location is known (for an onion service, once ADD_ONION answered).
     */
    CompletableFuture<Location> start(Supplier<ChannelHandler> handlers) {
        if (serving instanceof DirectServing.None) {
            return CompletableFuture.completedFuture(location);
        }
        InetSocketAddress bind = serving instanceof DirectServing.Local l ? l.bind() : ((DirectServing.Onion) serving).bind();
        CompletableFuture<JmServer> bound = JmServer.bind(runtime, bind, own.config().directLimits(),
                remote -> !bans.isBanned(banKey.apply(remote)) && connections.inboundCount() < limits.maxConnections(),
                ch -> ch.pipeline().addLast(handlers.get()));
        return bound.thenCompose(s -> {
            server = s;
            if (serving instanceof DirectServing.Local l) {
                location = new TcpLocation(l.advertisedHost(), s.localAddress().getPort());
                return CompletableFuture.completedFuture(location);
            }
            return CompletableFuture.supplyAsync(() -> publishOnion((DirectServing.Onion) serving, s), tor());
        });
    }

    private Location publishOnion(DirectServing.Onion o, JmServer s) {
        try {
            TorControlClient c = o.control().get();
            control = c;
            OnionRequest req = OnionRequest.ephemeral(s.localAddress());
            if (o.pow().isPresent()) {
                req = req.withPow(o.pow().get());
            }
            OnionService onion = c.addOnion(req);
            location = new OnionLocation(onion.hostname(), onion.virtualPort());
            LOG.info("{} serving direct connections at {}", own.nick(), onion.locationString());
            return location;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized ExecutorService tor() {
        if (torThread == null) {
            torThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "jm-tor-control-" + own.nick());
                t.setDaemon(true);
                return t;
            });
        }
        return torThread;
    }

    /** Closes the server, then removes the onion service (DEL_ONION) and closes the control connection. */
    CompletableFuture<Void> stop() {
        JmServer s = server;
        CompletableFuture<Void> stopped = s == null ? CompletableFuture.completedFuture(null) : s.stop();
        ExecutorService t;
        synchronized (this) {
            t = torThread;
        }
        if (t == null) {
            return stopped;
        }
        return stopped.thenRunAsync(() -> {
            TorControlClient c = control;
            if (c != null) {
                try {
                    c.close(); // DEL_ONION of our service, then close
                } catch (IOException e) {
                    LOG.debug("closing Tor control connection: {}", e.getMessage());
                }
            }
        }, t).whenComplete((v, e) -> t.shutdown());
    }

    /** Our location as announced: {@code NOT-SERVING-ONION} until (or unless) serving. */
    Location location() {
        return location;
    }

    Optional<InetSocketAddress> address() {
        JmServer s = server;
        return s == null ? Optional.empty() : Optional.of(s.localAddress());
    }
}
