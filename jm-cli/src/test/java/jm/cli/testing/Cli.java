package jm.cli.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import jm.cli.Main;
import jm.cli.common.CliContext;
import picocli.CommandLine;

/** Runs {@code jm} in-process with captured output, as a user would type it. */
public final class Cli {
    private Cli() {
    }

    /** The environment of a run whose wallet password is "pw" (the test wallets' password). */
    public static final Map<String, String> PASSWORD_PW = Map.of("JM_WALLET_PASSWORD", "pw");

    /** Exit code, stdout and stderr of one run. */
    public record Run(int code, String out, String err) {
        /** Appends this run's output to {@code toOut} and {@code toErr}; returns the exit code. */
        public int into(StringWriter toOut, StringWriter toErr) {
            toOut.write(out);
            toErr.write(err);
            return code;
        }
    }

    public static Run jm(String... args) {
        return jm(CliContext.system(), args);
    }

    /** As {@link #jm(String...)}, with this environment instead of the process's. */
    public static Run jm(Map<String, String> env, String... args) {
        return jm(CliContext.system().withEnv(env), args);
    }

    /** The process's context with {@code text} (UTF-8) as standard input, or an empty one for null. */
    public static CliContext stdin(String text) {
        return CliContext.system().withStdin(text == null ? java.io.InputStream.nullInputStream()
                : new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** As {@link #jm(String...)}, in the given context (environment, stdin, stop signal). */
    public static Run jm(CliContext context, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(context);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** What a test does with what a long-running command started (its server, the watcher, the kept market). */
    @FunctionalInterface
    public interface WhileRunning<T> {
        void run(T started) throws Exception;
    }

    /**
     * The context of a long-running command that, once it runs, hands what it started (a
     * {@code type}) to {@code body} and is then stopped; a body that throws fails the test.
     */
    public static <T> CliContext stopOnceStarted(Class<T> type, WhileRunning<T> body) {
        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
        return CliContext.system().withStopSignal(stop).withOnStarted(started -> {
            try {
                body.run(type.cast(started));
            } catch (Exception e) {
                throw new AssertionError(e);
            } finally {
                stop.countDown();
            }
        });
    }

    /** {@code first} followed by {@code rest}: a subcommand's arguments as the root command takes them. */
    public static String[] prefixed(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
