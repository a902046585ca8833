package jm.cli.common;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a long-running command does on Ctrl-C or SIGTERM: a JVM shutdown hook, installed for the
 * command's run and removed by {@link #close()} when the command ends by itself (a no-op once the
 * JVM is shutting down: the hook is what stops the command then).
 */
public final class ShutdownHook implements AutoCloseable {
    private final Thread thread;

    private ShutdownHook(Thread thread) {
        this.thread = thread;
    }

    /** Installs {@code onShutdown} as a shutdown hook on a thread called {@code name}. */
    public static ShutdownHook install(String name, Runnable onShutdown) {
        Thread t = new Thread(onShutdown, name);
        Runtime.getRuntime().addShutdownHook(t);
        return new ShutdownHook(t);
    }

    /**
     * Waits for {@code stopped} (the hook or the invocation's stop signal), at most
     * {@code runForSeconds} when that is set ({@code --run-for}).
     *
     * @return true when stopped, false when the time ran out
     */
    public static boolean awaitStop(CountDownLatch stopped, Long runForSeconds) throws InterruptedException {
        if (runForSeconds == null) {
            stopped.await();
            return true;
        }
        return stopped.await(runForSeconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs (or ran) and stops the command
        }
    }
}
