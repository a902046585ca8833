package jm.taker.client;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import jm.net.channel.DirectoryRefusedException;

/**
 * {@link TakerClient#start()} reached no directory: every one refused us, the connection failed,
 * or none finished its handshake within the wait. Carries why each directory could not be
 * reached (Tor's reason in words where there is one). No coin is reserved by then.
 */
public final class DirectoryUnreachableException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Optional<Throwable> failure;
    private final Map<String, String> reasons;
    private final Duration waited;

    DirectoryUnreachableException(Optional<Throwable> failure, Map<String, String> reasons, Duration waited) {
        super(failure.map(f -> (f instanceof DirectoryRefusedException ? "every directory refused us: "
                : "no directory accepted us: ") + f.getMessage())
                .orElse("no directory accepted us in " + waited.toSeconds() + " s"), failure.orElse(null));
        this.failure = failure;
        this.reasons = Map.copyOf(reasons);
        this.waited = waited;
    }

    /** Whether every directory answered and refused us (as opposed to none answering in time). */
    public boolean refused() {
        return failure.filter(f -> f instanceof DirectoryRefusedException).isPresent();
    }

    /** Whether the wait ran out (no directory failed outright). */
    public boolean timedOut() {
        return failure.isEmpty();
    }

    /** Per directory ({@code host:port}) why its last attempt failed. */
    public Map<String, String> reasons() {
        return reasons;
    }

    /** How long the client waited for a directory. */
    public Duration waited() {
        return waited;
    }
}
