package jm.taker.offer;

import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.offer.Offer;
import jm.core.offer.OfferType;

/**
 * Turns the text of one offer ({@code <type> <oid> <minsize> <maxsize> <txfee> <cjfee>}) from
 * a maker into a {@link MakerOffer}: jm-core's offer parser (PROTOCOL.md 6.1 receiver checks),
 * then {@link MakerOffer#from}. Never throws an unchecked exception on any input.
 */
public final class OfferParser {

    private OfferParser() {
    }

    /**
     * @param maker  the (verified) sender
     * @param type   offer command name without '!'
     * @param fields the text after the command name (oid minsize maxsize txfee cjfee [extra...])
     */
    public static MakerOffer parse(Nick maker, String type, String fields) throws ProtocolException {
        OfferType t = OfferType.fromWireName(type == null ? "" : type)
                .orElseThrow(() -> new ProtocolException(Reason.UNKNOWN, "offer.type", "unknown offer type"));
        if (fields == null) {
            throw new ProtocolException(Reason.MISSING_FIELD, "offer", "no fields");
        }
        try {
            return MakerOffer.from(maker, Offer.parse(t, fields));
        } catch (RuntimeException e) {
            throw new ProtocolException(Reason.MALFORMED, "offer", "unparseable: " + e.getClass().getSimpleName());
        }
    }
}
