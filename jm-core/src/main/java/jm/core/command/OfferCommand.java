package jm.core.command;

import java.util.Objects;
import jm.core.ProtocolException;
import jm.core.offer.Offer;
import jm.core.offer.OfferType;

/**
 * An offer announcement ({@code !sw0reloffer ...} and the other five types, 5.3): public, or
 * private as the answer to {@code !orderbook} (then possibly followed by {@code !tbond}).
 *
 * @param offer the offer as sent (no receiver-side minsize raise)
 */
public record OfferCommand(Offer offer) implements PublicCommand, PlaintextCommand {
    public OfferCommand {
        Objects.requireNonNull(offer, "offer");
    }

    public static OfferCommand parse(OfferType type, String args) throws ProtocolException {
        return new OfferCommand(Offer.parse(type, args));
    }

    @Override
    public CommandName name() {
        return CommandName.fromWire(offer.type().wireName()).orElseThrow();
    }

    @Override
    public String args() {
        return offer.toWireFields();
    }
}
