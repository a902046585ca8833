package jm.net.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Netty event loops of one process (or one test): an acceptor loop for servers and a worker
 * group for every connection. Create one, share it, {@link #close()} it at shutdown.
 */
public final class NetRuntime implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;

    private NetRuntime(EventLoopGroup boss, EventLoopGroup workers) {
        this.boss = boss;
        this.workers = workers;
    }

    /**
     * @param workerThreads event-loop threads for connections (0 = Netty's default, 2 x cores)
     * @param name thread-name prefix
     */
    public static NetRuntime create(int workerThreads, String name) {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory(name + "-accept", true), NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(workerThreads,
                new DefaultThreadFactory(name + "-io", true), NioIoHandler.newFactory());
        return new NetRuntime(boss, workers);
    }

    public EventLoopGroup acceptGroup() {
        return boss;
    }

    public EventLoopGroup workerGroup() {
        return workers;
    }

    /** Shuts both groups down gracefully; completes when they are terminated. */
    public CompletableFuture<Void> shutdown(Duration quietPeriod, Duration timeout) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        long q = quietPeriod.toMillis();
        long t = timeout.toMillis();
        boss.shutdownGracefully(q, t, TimeUnit.MILLISECONDS).addListener(f1 ->
                workers.shutdownGracefully(q, t, TimeUnit.MILLISECONDS).addListener(f2 -> done.complete(null)));
        return done;
    }

    /** Shuts down without a quiet period and waits up to 5 s. */
    @Override
    public void close() {
        shutdown(Duration.ZERO, Duration.ofSeconds(5)).orTimeout(10, TimeUnit.SECONDS).join();
    }
}
