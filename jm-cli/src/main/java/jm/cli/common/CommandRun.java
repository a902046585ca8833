package jm.cli.common;

import java.io.PrintWriter;
import jm.chain.ChainException;
import jm.wallet.errors.WalletException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How a long-running command turns failures into one {@code error:} line and exit code 1, never a
 * stack trace: bad configuration or arguments, wallet errors, an unreachable or refusing node,
 * and an interrupt (Ctrl-C). Output streams are flushed on every path.
 */
public final class CommandRun {
    /**
     * The exit code of every command for bad configuration, environment or option values (and
     * any other failure); picocli's own usage errors (unknown option, missing argument) exit 2.
     */
    public static final int CONFIG_ERROR = 1;

    private CommandRun() {
    }

    /** The body of a command: writes to {@code out} (results) and {@code err} (progress, errors). */
    @FunctionalInterface
    public interface Body {
        int run(PrintWriter out, PrintWriter err) throws InterruptedException;
    }

    /**
     * Says which coins the wallet released when this command took its lock (reserved by an
     * earlier run that ended without signing), if any.
     */
    public static void noteReleased(jm.wallet.Wallet wallet, PrintWriter to) {
        if (!wallet.releasedAtOpen().isEmpty()) {
            to.println("released " + wallet.releasedAtOpen().size() + " coin(s) reserved by an earlier run that ended"
                    + " without signing");
            to.flush();
        }
    }

    public static int run(CommandSpec spec, Body body) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return body.run(out, err);
        } catch (ConfigException | WalletException | ChainException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return CONFIG_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
