package jm.maker.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jm.core.Nick;
import jm.core.command.OfferCommand;
import jm.core.command.PrivateCommand;
import jm.maker.bot.Outbox;

/** Records what the engine sends. */
public final class RecordingOutbox implements Outbox<String> {
    public record Sent(Nick to, String command, String data, Optional<String> via) {
    }

    public final List<Sent> privates = new ArrayList<>();
    public final List<String> publics = new ArrayList<>();
    public final List<String> commitmentBroadcasts = new ArrayList<>();

    @Override
    public void send(Nick to, PrivateCommand command, Optional<String> via) {
        privates.add(new Sent(to, command.name().wireName(), command.args(), via));
    }

    @Override
    public void sendOffer(Nick to, OfferCommand offer, Optional<String> bondProof, Optional<String> via) {
        privates.add(new Sent(to, offer.name().wireName(), Outbox.offerData(offer, bondProof), via));
    }

    @Override
    public void publish(String body) {
        publics.add(body);
    }

    @Override
    public void broadcastCommitment(String commitmentHex) {
        commitmentBroadcasts.add(commitmentHex);
    }

    public List<Sent> sent(String command) {
        return privates.stream().filter(s -> s.command().equals(command)).toList();
    }
}
