package jm.cli.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real {@code jm} process: {@code jm.cli.Main} in a child JVM on this test's class path, with
 * its stdout and stderr in files. For tests that need separate processes (file locks, kill -9).
 */
public final class JmProcess implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Exit status of a JVM ended by SIGTERM (128 + 15), after its shutdown hooks ran. */
    public static final int SIGTERM_EXIT = 143;

    private final Process process;
    private final Path out;
    private final Path err;
    private final String label;

    private JmProcess(Process process, Path out, Path err, String label) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.label = label;
    }

    /** Starts {@code jm args...}; {@code env} is added to this process's environment. */
    public static JmProcess start(Path logDir, Map<String, String> env, String... args) throws IOException {
        int n = COUNTER.incrementAndGet();
        Files.createDirectories(logDir);
        Path out = logDir.resolve("jm-" + n + ".out");
        Path err = logDir.resolve("jm-" + n + ".err");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx192m",
                "-Dsun.net.httpserver.nodelay=true", "-cp", System.getProperty("java.class.path"), "jm.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        return new JmProcess(pb.start(), out, err, String.join(" ", List.of(args).subList(0, Math.min(2, args.length))));
    }

    public long pid() {
        return process.pid();
    }

    public String stdout() {
        return read(out);
    }

    public String stderr() {
        return read(err);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits until stdout or stderr contains {@code text}; fails if the process ends first or time runs out. */
    public void awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(stdout().contains(text) || stderr().contains(text))) {
            if (!process.isAlive()) {
                if (stdout().contains(text) || stderr().contains(text)) {
                    return;
                }
                throw new AssertionError(label + " ended (exit " + process.exitValue() + ") before printing '" + text
                        + "'\nstdout:\n" + stdout() + "\nstderr:\n" + stderr());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(label + " did not print '" + text + "' within " + timeout + "\nstdout:\n"
                        + stdout() + "\nstderr:\n" + stderr());
            }
            process.waitFor(20, TimeUnit.MILLISECONDS);
        }
    }

    /** Writes a line to the process's standard input. */
    public void answer(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits for the exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(label + " still running after " + timeout + "\nstdout:\n" + stdout()
                    + "\nstderr:\n" + stderr());
        }
        return process.exitValue();
    }

    /** kill -9: no shutdown hook runs, nothing is flushed or released by the process itself. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as on Ctrl-C or a service stop: shutdown hooks run. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }

    @Override
    public String toString() {
        return "JmProcess[" + label + ", pid " + process.pid() + "]";
    }
}
