package jm.maker.bot;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jm.core.Nick;
import jm.core.command.ErrorCommand;
import jm.core.command.PrivateCommand;
import jm.core.limit.BoundedMap;

/**
 * Replies to takers on the channel each one used last (a direct socket or a directory): remembers
 * that channel per nick (bounded, least recently used forgotten first) and sends through the
 * {@link Outbox}. Not thread-safe: used on the engine's serial executor.
 *
 * @param <C> the transport's channel type
 */
final class Replies<C> {
    static final int MAX_ROUTES = 10_000;

    private final Outbox<C> out;
    private final Map<Nick, C> lastRoute = new BoundedMap<>(MAX_ROUTES, true);

    Replies(Outbox<C> out) {
        this.out = Objects.requireNonNull(out);
    }

    /** {@code from}'s latest private message came over {@code via}. */
    void route(Nick from, C via) {
        lastRoute.put(from, via);
    }

    void send(Nick to, PrivateCommand command) {
        out.send(to, command, Optional.ofNullable(lastRoute.get(to)));
    }

    /** Sends {@link #error(String)} of {@code text}. */
    void error(Nick to, String text) {
        send(to, error(text));
    }

    /** An {@code !error} with {@code text} made printable, without {@code !} and at most 1,000 characters. */
    static ErrorCommand error(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < ErrorCommand.MAX_CHARS; i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c > 0x7e || c == '!' ? ' ' : c);
        }
        return new ErrorCommand(b.toString().isBlank() ? "error" : b.toString());
    }
}
