package jm.tumbler.run;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jm.tumbler.state.TumbleState;

/**
 * A tumble running on its own thread, for code that drives it (the wallet daemon's schedule
 * endpoints, {@code jm tumbler run}): {@link #start}, {@link #status}, {@link #stop},
 * {@link #result}. The state file is saved by the executor throughout; after {@link #stop} (or a
 * crash) a new run on the same file continues where it stopped.
 */
public final class TumbleRun {

    /** How a run ended. */
    public enum End { FINISHED, STEP_FAILED, STOPPED, ERROR }

    /** The end, why (for a failure) and the state at that moment. */
    public record Result(End end, Optional<String> reason, TumbleState state) {
    }

    private final TumbleExecutor executor;
    private final Thread thread;
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private volatile boolean stopping;

    private TumbleRun(TumbleExecutor executor, String name) {
        this.executor = executor;
        this.thread = new Thread(this::runIt, name);
        this.thread.setDaemon(true);
    }

    /** Starts running {@code executor} on a new thread. */
    public static TumbleRun start(TumbleExecutor executor, String walletName) {
        TumbleRun r = new TumbleRun(executor, "tumbler-" + walletName);
        r.thread.start();
        return r;
    }

    private void runIt() {
        try {
            TumbleState s = executor.run();
            result.complete(new Result(End.FINISHED, Optional.empty(), s));
        } catch (InterruptedException e) {
            result.complete(new Result(End.STOPPED, Optional.of("stopped"), executor.state()));
        } catch (TumbleExecutor.StepFailedException e) {
            result.complete(new Result(End.STEP_FAILED, Optional.of(e.getMessage()), executor.state()));
        } catch (RuntimeException e) {
            if (stopping) { // the interrupt surfaced as an I/O error (an RPC call, a file write): still a stop
                result.complete(new Result(End.STOPPED, Optional.of("stopped"), executor.state()));
                return;
            }
            result.complete(new Result(End.ERROR, Optional.of(String.valueOf(e.getMessage())), executor.state()));
        }
    }

    /** The latest state; safe from any thread. */
    public TumbleState status() {
        return executor.state();
    }

    public boolean running() {
        return !result.isDone();
    }

    /** Completes when the run ends. */
    public CompletableFuture<Result> result() {
        return result;
    }

    /**
     * Stops the run (a CoinJoin in progress is interrupted by the port; a signed one stays SENT in
     * the state) and waits up to {@code timeout} for it to end.
     */
    public Result stop(Duration timeout) throws InterruptedException, TimeoutException {
        stopping = true;
        thread.interrupt();
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
