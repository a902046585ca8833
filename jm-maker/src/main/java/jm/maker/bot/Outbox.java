package jm.maker.bot;

import java.util.Optional;
import jm.core.Nick;

/**
 * Where the engine sends messages: signed private messages (over {@code via} when given, the
 * channel the taker used last) and public messages on every directory.
 *
 * @param <C> the channel type of the transport (direct socket or directory)
 */
public interface Outbox<C> {

    /** Signs and sends {@code !command data} to {@code to}; failures are logged, never thrown. */
    void sendPrivate(Nick to, String command, String data, Optional<C> via);

    /** PUBMSG {@code body} to every live directory. */
    void publish(String body);

    /**
     * Gets a used commitment blacklisted network-wide (PROTOCOL.md 7.6), best effort, after
     * {@code !ioauth} was sent: e.g. a fresh nick on fresh connections, or a relay request to
     * another maker.
     */
    void broadcastCommitment(String commitmentHex);
}
