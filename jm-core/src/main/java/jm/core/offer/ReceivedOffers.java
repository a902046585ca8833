package jm.core.offer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jm.core.ProtocolException;

/**
 * Reads the offers out of a public or (verified) private message body the way a reference
 * taker fills its orderbook (PROTOCOL.md 6.1): each {@code !}-separated part whose first word
 * is an offer type is one offer; invalid offers are dropped one by one; a part with a valid
 * oid deletes any earlier offer with that oid from the same message; minsize is raised to
 * {@link Dust#DUST_THRESHOLD}. Other parts ({@code !tbond}, unknown commands) are skipped.
 */
public final class ReceivedOffers {
    /** Most offers read from one message. */
    public static final int MAX_OFFERS_PER_MESSAGE = 256;

    private ReceivedOffers() {
    }

    /**
     * The offers a reference taker keeps from {@code body}, e.g. {@code !sw0reloffer 0 ...} or
     * {@code sw0reloffer 0 ...!tbond ...}; in order, at most one per oid.
     */
    public static List<Offer> parse(String body) {
        return read(body).kept();
    }

    /**
     * What one message does to the sender's orderbook entries: first delete every offer whose
     * oid is in {@code touchedOids} (a valid oid deletes the older offer even when the new one is
     * dropped), then insert {@code kept}.
     *
     * @param kept        offers to store, in order, at most one per oid
     * @param touchedOids every valid oid that appeared in an offer part
     */
    public record Batch(List<Offer> kept, Set<Long> touchedOids) {
        public Batch {
            kept = List.copyOf(kept);
            touchedOids = Set.copyOf(touchedOids);
        }
    }

    /** Reads {@code body} into a {@link Batch}. */
    public static Batch read(String body) {
        Map<Long, Offer> rows = new LinkedHashMap<>();
        Set<Long> touched = new LinkedHashSet<>();
        if (body == null || body.isEmpty()) {
            return new Batch(List.of(), Set.of());
        }
        String[] parts = body.split("!", -1);
        int seen = 0;
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            int sp = part.indexOf(' ');
            String name = sp < 0 ? part : part.substring(0, sp);
            Optional<OfferType> type = OfferType.fromWireName(name);
            if (type.isEmpty()) {
                continue;
            }
            if (++seen > MAX_OFFERS_PER_MESSAGE) {
                break;
            }
            String fields = sp < 0 ? "" : part.substring(sp + 1);
            Optional<Long> oid = leadingOid(fields);
            if (oid.isEmpty()) {
                continue;
            }
            rows.remove(oid.get());
            touched.add(oid.get());
            try {
                Offer o = Offer.parse(type.get(), fields);
                o.asReceivedByTaker().ifPresent(kept -> rows.put(kept.oid(), kept));
            } catch (ProtocolException dropped) {
                // dropped, as the reference does
            }
        }
        return new Batch(new ArrayList<>(rows.values()), touched);
    }

    private static Optional<Long> leadingOid(String fields) {
        int sp = fields.indexOf(' ');
        String first = sp < 0 ? fields : fields.substring(0, sp);
        try {
            return Optional.of(Offer.pyInt(first, "offer.oid", Long.MAX_VALUE));
        } catch (ProtocolException e) {
            return Optional.empty();
        }
    }
}
