package jm.orderbook.watch;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import jm.chain.ChainBackend;
import jm.core.Network;
import jm.core.crypto.NickKey;
import jm.net.channel.MessageChannelConfig;
import jm.net.channel.OnionMessageChannel;
import jm.net.channel.PeerTable;
import jm.net.transport.Endpoint;
import jm.net.transport.NetRuntime;
import jm.taker.bond.BondVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running watcher: a message channel under a fresh random nick (never served, never
 * filling), the {@link OrderbookWatcher} listening on it, and a timer that asks for the
 * orderbook every refresh interval and drops makers silent for {@link #SILENT_ROUNDS} intervals.
 * {@link #start} returns at once; directories are connected (and reconnected) in the background.
 * {@link #close()} stops everything it started.
 */
public final class WatchService implements MarketSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchService.class);
    /** Refresh requests closer together than this are ignored (a reload must not flood directories). */
    public static final Duration MIN_REFRESH_GAP = Duration.ofSeconds(10);
    /** A maker that answered none of this many refresh rounds is dropped. */
    public static final int SILENT_ROUNDS = 3;

    /**
     * @param channel         how to reach the directories (Tor or local mode)
     * @param network         the Bitcoin network (bond addresses)
     * @param refreshInterval how often to ask for the orderbook again
     */
    public record Options(MessageChannelConfig channel, Network network, Duration refreshInterval) {
        public Options {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(network, "network");
            if (refreshInterval.compareTo(MIN_REFRESH_GAP) < 0) {
                throw new IllegalArgumentException("refresh interval must be at least "
                        + MIN_REFRESH_GAP.toSeconds() + " s");
            }
        }
    }

    private final Options options;
    private final Clock clock;
    private final List<String> directories;
    private final NetRuntime runtime;
    private final ExecutorService listener;
    private final ScheduledExecutorService timer;
    private final OnionMessageChannel channel;
    private final OrderbookWatcher watcher;
    private Instant lastRefresh = Instant.MIN;

    private WatchService(Options options, Optional<ChainBackend> chain, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.directories = options.channel().directories().stream().map(Endpoint::toString).toList();
        this.runtime = NetRuntime.create(1, "jm-obwatch");
        this.listener = Executors.newSingleThreadExecutor(daemon("obwatch-listener"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("obwatch-refresh"));
        AtomicReference<OnionMessageChannel> ref = new AtomicReference<>();
        MarketBook book = new MarketBook(options.network(), clock, chain.isPresent());
        this.watcher = new OrderbookWatcher(book, chain.map(BondVerifier::new), ref::get);
        this.channel = OnionMessageChannel.builder(options.channel(), NickKey.random(new SecureRandom()), runtime,
                listener, watcher).build();
        ref.set(channel);
    }

    /**
     * Starts connecting to the directories (each asked for the orderbook once it accepts us).
     *
     * @param chain the chain to verify bonds against; empty = bonds are not verified nor shown
     */
    public static WatchService start(Options options, Optional<ChainBackend> chain, Clock clock) {
        WatchService s = new WatchService(options, chain, clock);
        try {
            s.channel.start().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.close();
            throw new IllegalStateException("interrupted while starting");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            s.close();
            throw new IllegalStateException("the message channel did not start: " + e.getMessage(), e);
        }
        long every = options.refreshInterval().toMillis();
        s.timer.scheduleWithFixedDelay(s::refreshRound, every, every, TimeUnit.MILLISECONDS);
        LOG.info("watching {} directories as {}", s.directories.size(), s.channel.nick());
        return s;
    }

    private void refreshRound() {
        try {
            watcher.dropSilent(options.refreshInterval().multipliedBy(SILENT_ROUNDS));
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("refresh failed: {}", e.toString());
        }
    }

    /** Completes when the first directory has accepted us. */
    public CompletableFuture<Void> awaitDirectory() {
        return channel.awaitDirectory();
    }

    /** The configured directories ({@code host:port}). */
    public List<String> directories() {
        return directories;
    }

    @Override
    public boolean refresh() {
        synchronized (this) {
            Instant now = clock.instant();
            if (lastRefresh.plus(MIN_REFRESH_GAP).isAfter(now)) {
                return false;
            }
            lastRefresh = now;
        }
        return watcher.requestOrderbook() > 0;
    }

    @Override
    public MarketSnapshot snapshot() {
        java.util.Set<String> live = channel.liveDirectories();
        PeerTable peers = channel.peers();
        return watcher.book().snapshot(directories, live::contains,
                nick -> peers.get(nick).map(PeerTable.PeerView::presentOn).orElse(List.of()));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            channel.stop().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("channel stop: {}", e.toString());
        }
        listener.shutdownNow();
        runtime.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
