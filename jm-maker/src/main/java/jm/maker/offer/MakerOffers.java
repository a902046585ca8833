package jm.maker.offer;

import java.util.List;
import java.util.Optional;
import jm.core.Sats;
import jm.core.offer.Fees;
import jm.core.offer.Offer;
import jm.maker.session.OfferLookup;

/** Our current offers (immutable snapshot), looked up by oid. */
public record MakerOffers(List<Offer> offers) implements OfferLookup {
    public MakerOffers {
        offers = List.copyOf(offers);
    }

    public Optional<Offer> offer(long oid) {
        return offers.stream().filter(o -> o.oid() == oid).findFirst();
    }

    @Override
    public Optional<SizeRange> find(long oid) {
        return offer(oid).map(o -> new SizeRange(o.minSize().value(), o.maxSize().value()));
    }

    /** Our fee for filling {@code oid} with {@code amount}. */
    public Optional<Sats> cjFee(long oid, Sats amount) {
        return offer(oid).map(o -> Fees.cjFeeSats(o, amount));
    }

    public boolean isEmpty() {
        return offers.isEmpty();
    }
}
