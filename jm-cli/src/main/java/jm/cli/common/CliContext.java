package jm.cli.common;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a command takes from the process it runs in: the environment, standard input, where
 * helper programs are found, and, for an embedding program or a test, a stop signal and a
 * callback with what a long-running command has started. One value per {@code jm} invocation,
 * handed to the commands by {@link CliFactory}; nothing here is global.
 */
public final class CliContext {
    private final Map<String, String> env;
    private final InputStream stdin;
    private final CountDownLatch stopSignal;
    private final Consumer<Object> onStarted;
    private final Function<String, Optional<Path>> binaries;

    private CliContext(Map<String, String> env, InputStream stdin, CountDownLatch stopSignal,
            Consumer<Object> onStarted, Function<String, Optional<Path>> binaries) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.stopSignal = stopSignal;
        this.onStarted = Objects.requireNonNull(onStarted, "onStarted");
        this.binaries = Objects.requireNonNull(binaries, "binaries");
    }

    /** The real process: its environment, its standard input, programs where Debian installs them. */
    public static CliContext system() {
        return new CliContext(System.getenv(), System.in, null, started -> { }, jm.demo.tor.PrivateTorNetwork::findBinary);
    }

    public CliContext withEnv(Map<String, String> newEnv) {
        return new CliContext(newEnv, stdin, stopSignal, onStarted, binaries);
    }

    public CliContext withStdin(InputStream in) {
        return new CliContext(env, in, stopSignal, onStarted, binaries);
    }

    /** A long-running command stops when this latch is counted down (besides Ctrl-C and --run-for). */
    public CliContext withStopSignal(CountDownLatch stop) {
        return new CliContext(env, stdin, Objects.requireNonNull(stop, "stop"), onStarted, binaries);
    }

    /**
     * Called by a long-running command once it runs, with what it started (the orderbook watcher,
     * the demo market, ...), on the command's thread.
     */
    public CliContext withOnStarted(Consumer<Object> callback) {
        return new CliContext(env, stdin, stopSignal, callback, binaries);
    }

    /** Where helper programs ({@code tor}, {@code tor-gencert}) are found. */
    public CliContext withBinaries(Function<String, Optional<Path>> finder) {
        return new CliContext(env, stdin, stopSignal, onStarted, finder);
    }

    public Map<String, String> env() {
        return env;
    }

    public InputStream stdin() {
        return stdin;
    }

    /** The given stop signal, or a fresh latch that only a shutdown hook counts down. */
    public CountDownLatch stopLatch() {
        return stopSignal != null ? stopSignal : new CountDownLatch(1);
    }

    public void started(Object what) {
        onStarted.accept(what);
    }

    public Optional<Path> binary(String name) {
        return binaries.apply(name);
    }
}
