package jm.orderbook.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import jm.core.Network;
import jm.core.Nick;
import jm.orderbook.watch.MarketSnapshot.DirectoryView;
import jm.taker.bond.VerifiedBond;
import jm.taker.offer.MakerOffer;
import jm.taker.offer.Orderbook;

/**
 * The watcher's market: jm-taker's {@link Orderbook} (offers keyed by maker and oid, withdrawals,
 * a bond UTXO credited to one maker only, bounded), the verified bond behind each maker's
 * weight, the directories each maker was seen on, and when each maker was last heard from.
 * Thread-safe: the channel's listener thread writes, HTTP threads take {@link #snapshot}s.
 */
public final class MarketBook {
    /** At most this many makers are kept (the same bound as a taker session's orderbook). */
    public static final int MAX_MAKERS = 2_000;
    /** At most this many directory names are remembered per maker. */
    static final int MAX_DIRECTORIES_PER_MAKER = 16;

    private final Network network;
    private final Clock clock;
    private final boolean bondsVerified;
    private final Orderbook book = new Orderbook(MAX_MAKERS);
    private final Map<Nick, VerifiedBond> bonds = new HashMap<>();
    private final Map<Nick, Set<String>> seenOn = new HashMap<>();
    private final Map<Nick, Instant> lastHeard = new HashMap<>();
    private Instant lastUpdate;

    /**
     * @param network       the Bitcoin network (for bond addresses)
     * @param clock         time of updates and of silence checks
     * @param bondsVerified whether bond proofs are checked against a chain at all
     */
    public MarketBook(Network network, Clock clock, boolean bondsVerified) {
        this.network = Objects.requireNonNull(network);
        this.clock = Objects.requireNonNull(clock);
        this.bondsVerified = bondsVerified;
    }

    /** Adds or replaces an offer seen on {@code via}; false if a bound kept it out. */
    public synchronized boolean offer(MakerOffer offer, String via) {
        Instant now = clock.instant();
        if (!book.add(offer, now)) {
            return false;
        }
        heard(offer.maker(), via, now);
        lastUpdate = now;
        return true;
    }

    /** The maker withdrew an offer ({@code !cancel}) or re-announced it invalidly. */
    public synchronized void withdraw(Nick maker, long oid) {
        boolean had = book.all().stream().anyMatch(o -> o.maker().equals(maker) && o.oid() == oid);
        book.remove(maker, oid);
        if (had) {
            lastUpdate = clock.instant();
            if (book.all().stream().noneMatch(o -> o.maker().equals(maker))) {
                forget(maker);
            }
        }
    }

    /**
     * A verified bond of a maker we have offers from. Kept if its UTXO is not credited to another
     * maker already; a maker keeps its most valuable bond.
     */
    public synchronized boolean bond(VerifiedBond b, String via) {
        if (book.all().stream().noneMatch(o -> o.maker().equals(b.maker()))) {
            return false; // no offer (yet): a bond alone is not in the book
        }
        if (!book.recordBond(b.maker(), b.utxo(), b.value())) {
            return false;
        }
        // a fresh check of the same bond replaces the old one (its value ages); of two bonds, the larger counts
        bonds.merge(b.maker(), b, (old, neu) -> neu.utxo().equals(old.utxo()) || neu.value() >= old.value() ? neu : old);
        Instant now = clock.instant();
        heard(b.maker(), via, now);
        lastUpdate = now;
        return true;
    }

    /**
     * A proof from the maker did not verify (again): its bond, if any, no longer counts (spent,
     * certificate expired). Only the maker can send such a proof, so only it can lose its bond.
     */
    public synchronized void bondRejected(Nick maker) {
        if (bonds.remove(maker) != null) {
            lastUpdate = clock.instant();
        }
    }

    /** The maker left every directory (or went silent): drop its offers and bond. */
    public synchronized void makerGone(Nick maker) {
        boolean had = book.all().stream().anyMatch(o -> o.maker().equals(maker));
        book.removeMaker(maker);
        forget(maker);
        if (had) {
            lastUpdate = clock.instant();
        }
    }

    /** Drops every maker not heard from for longer than {@code silence}; returns them. */
    public synchronized List<Nick> dropSilent(Duration silence) {
        Instant cutoff = clock.instant().minus(silence);
        List<Nick> silent = lastHeard.entrySet().stream().filter(e -> e.getValue().isBefore(cutoff))
                .map(Map.Entry::getKey).toList();
        silent.forEach(this::makerGone);
        return silent;
    }

    private void heard(Nick maker, String via, Instant now) {
        lastHeard.put(maker, now);
        Set<String> dirs = seenOn.computeIfAbsent(maker, k -> new TreeSet<>());
        if (dirs.size() < MAX_DIRECTORIES_PER_MAKER || dirs.contains(via)) {
            dirs.add(via);
        }
    }

    private void forget(Nick maker) {
        bonds.remove(maker);
        seenOn.remove(maker);
        lastHeard.remove(maker);
    }

    /**
     * The market now.
     *
     * @param directories every configured directory ({@code host:port}), in order
     * @param connected   whether a directory's connection is up
     * @param presentOn   directories whose peer list shows the maker (added to where it was seen)
     */
    public synchronized MarketSnapshot snapshot(List<String> directories, Function<String, Boolean> connected,
            Function<Nick, List<String>> presentOn) {
        List<MakerOffer> offers = book.all().stream().map(o -> o.withBondValue(
                bonds.containsKey(o.maker()) ? bonds.get(o.maker()).value() : 0)).toList();
        Map<Nick, List<String>> seen = new LinkedHashMap<>();
        for (MakerOffer o : offers) {
            seen.computeIfAbsent(o.maker(), m -> {
                Set<String> dirs = new TreeSet<>(seenOn.getOrDefault(m, Set.of()));
                dirs.addAll(presentOn.apply(m));
                return List.copyOf(dirs);
            });
        }
        List<DirectoryView> views = new ArrayList<>();
        for (String d : directories) {
            List<Nick> makers = seen.entrySet().stream().filter(e -> e.getValue().contains(d)).map(Map.Entry::getKey)
                    .sorted(Comparator.comparing(Nick::value)).toList();
            views.add(new DirectoryView(d, connected.apply(d), makers));
        }
        List<VerifiedBond> sortedBonds = bonds.values().stream().filter(b -> seen.containsKey(b.maker()))
                .sorted(Comparator.comparingDouble(VerifiedBond::value).reversed()).toList();
        return new MarketSnapshot(network, clock.instant(), Optional.ofNullable(lastUpdate), offers, sortedBonds,
                views, seen, bondsVerified);
    }
}
