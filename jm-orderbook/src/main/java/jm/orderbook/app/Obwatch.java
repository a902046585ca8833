package jm.orderbook.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import jm.chain.ChainBackend;
import jm.orderbook.watch.WatchService;
import jm.orderbook.web.ObwatchHttpServer;

/**
 * The orderbook watcher: watches the market ({@link WatchService}) and serves it
 * ({@link ObwatchHttpServer}). {@link #close()} stops both (idempotent); the chain backend given
 * stays the caller's to close.
 */
public final class Obwatch implements AutoCloseable {
    private final WatchService watch;
    private final ObwatchHttpServer http;
    private boolean closed;

    private Obwatch(WatchService watch, ObwatchHttpServer http) {
        this.watch = watch;
        this.http = http;
    }

    /**
     * Starts watching and serving. Returns once the HTTP server is bound; directories connect in
     * the background (see {@link #watch()}{@code .awaitDirectory()}).
     *
     * @param chain bonds are verified against it; empty = bonds not verified
     * @throws UncheckedIOException if {@code bind} cannot be bound (nothing is left running)
     */
    public static Obwatch start(WatchService.Options options, InetSocketAddress bind, Optional<ChainBackend> chain,
            Clock clock) {
        WatchService watch = WatchService.start(options, chain, clock);
        try {
            return new Obwatch(watch, ObwatchHttpServer.start(bind, watch));
        } catch (IOException e) {
            watch.close();
            throw new UncheckedIOException("cannot listen on " + bind.getHostString() + ":" + bind.getPort() + ": "
                    + e.getMessage(), e);
        }
    }

    public WatchService watch() {
        return watch;
    }

    /** Where the page is served. */
    public URI url() {
        return http.url();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        http.close();
        watch.close();
    }
}
