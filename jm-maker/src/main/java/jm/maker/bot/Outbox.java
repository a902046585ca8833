package jm.maker.bot;

import java.util.Optional;
import jm.core.Nick;
import jm.core.command.OfferCommand;
import jm.core.command.PrivateCommand;

/**
 * Where the engine sends messages: signed private messages (over {@code via} when given, the
 * channel the taker used last) and public messages on every directory.
 *
 * @param <C> the channel type of the transport (direct socket or directory)
 */
public interface Outbox<C> {

    /** Signs and sends {@code command} to {@code to}; failures are logged, never thrown. */
    void send(Nick to, PrivateCommand command, Optional<C> via);

    /**
     * Signs and sends one offer to {@code to}, followed in the same message by {@code !tbond
     * <proof>} when we have a fidelity bond; failures are logged, never thrown.
     */
    void sendOffer(Nick to, OfferCommand offer, Optional<String> bondProof, Optional<C> via);

    /** PUBMSG {@code body} to every live directory. */
    void publish(String body);

    /**
     * Gets a used commitment blacklisted network-wide (PROTOCOL.md 7.6), best effort, after
     * {@code !ioauth} was sent: e.g. a fresh nick on fresh connections, or a relay request to
     * another maker.
     */
    void broadcastCommitment(String commitmentHex);

    /** The data of an offer's private message: its fields, then {@code !tbond <proof>} if any. */
    static String offerData(OfferCommand offer, Optional<String> bondProof) {
        return offer.args() + bondProof.map(p -> "!tbond " + p).orElse("");
    }
}
