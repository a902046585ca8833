package jm.taker.offer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jm.core.Nick;
import jm.core.OutPoint;
import jm.core.Sats;

/**
 * The offers collected for one CoinJoin: keyed by (maker, oid), with cancellations, bond
 * weights and an age limit. Not thread-safe: one session owns it. Bounded: at most
 * {@link #MAX_OFFERS_PER_MAKER} offers per maker and {@code maxMakers} makers.
 */
public final class Orderbook {
    public static final int MAX_OFFERS_PER_MAKER = 32;

    private record Key(Nick maker, long oid) {
    }

    private record Entry(MakerOffer offer, Instant receivedAt) {
    }

    private final Map<Key, Entry> offers = new LinkedHashMap<>();
    private final Map<Nick, Double> bondValues = new HashMap<>();
    private final Map<OutPoint, Nick> bondOwners = new HashMap<>();
    private final int maxMakers;

    public Orderbook(int maxMakers) {
        if (maxMakers < 1) {
            throw new IllegalArgumentException("maxMakers < 1");
        }
        this.maxMakers = maxMakers;
    }

    /** Adds or replaces an offer; returns false if a bound was reached and it was not stored. */
    public boolean add(MakerOffer offer, Instant receivedAt) {
        Objects.requireNonNull(receivedAt);
        Key key = new Key(offer.maker(), offer.oid());
        if (!offers.containsKey(key)) {
            long sameMaker = offers.keySet().stream().filter(k -> k.maker.equals(offer.maker())).count();
            if (sameMaker >= MAX_OFFERS_PER_MAKER) {
                return false;
            }
            if (sameMaker == 0 && makers() >= maxMakers) {
                return false;
            }
        }
        offers.put(key, new Entry(offer, receivedAt));
        return true;
    }

    /** A maker withdrew an offer ({@code !cancel}), or re-announced it invalidly. */
    public void remove(Nick maker, long oid) {
        offers.remove(new Key(maker, oid));
    }

    /** Forget everything about a maker (e.g. it left every directory). */
    public void removeMaker(Nick maker) {
        offers.keySet().removeIf(k -> k.maker.equals(maker));
        bondValues.remove(maker);
        bondOwners.values().removeIf(maker::equals);
    }

    /**
     * Records a verified fidelity bond for a maker. Each bond UTXO counts for one maker only:
     * the first verified nick keeps it (PROTOCOL.md 10.3 step 7).
     *
     * @return whether the bond was credited to this maker
     */
    public boolean recordBond(Nick maker, OutPoint bondUtxo, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            return false;
        }
        Nick owner = bondOwners.putIfAbsent(bondUtxo, maker);
        if (owner != null && !owner.equals(maker)) {
            return false;
        }
        bondValues.merge(maker, value, Math::max);
        return true;
    }

    public int makers() {
        return (int) offers.keySet().stream().map(Key::maker).distinct().count();
    }

    public int size() {
        return offers.size();
    }

    /**
     * One offer per maker: the cheapest (by net fee) for {@code amount} among its offers that
     * accept the amount strictly and are no older than {@code maxAge}; each carries the
     * maker's bond value. Order: by maker nick, for determinism.
     */
    public List<MakerOffer> cheapestPerMaker(Sats amount, Instant now, Duration maxAge) {
        Map<Nick, MakerOffer> best = new HashMap<>();
        for (Entry e : offers.values()) {
            if (e.receivedAt.plus(maxAge).isBefore(now)) {
                continue;
            }
            MakerOffer o = e.offer;
            if (!o.acceptsAmountStrictly(amount)) {
                continue;
            }
            best.merge(o.maker(), o, (a, b) -> b.netFeeSats(amount) < a.netFeeSats(amount) ? b : a);
        }
        List<MakerOffer> out = new ArrayList<>();
        for (MakerOffer o : best.values()) {
            out.add(o.withBondValue(bondValues.getOrDefault(o.maker(), 0.0)));
        }
        out.sort(Comparator.comparing(o -> o.maker().value()));
        return out;
    }

    /** Every stored offer (for display), oldest first. */
    public List<MakerOffer> all() {
        List<MakerOffer> out = new ArrayList<>();
        for (Entry e : offers.values()) {
            out.add(e.offer.withBondValue(bondValues.getOrDefault(e.offer.maker(), 0.0)));
        }
        return out;
    }
}
