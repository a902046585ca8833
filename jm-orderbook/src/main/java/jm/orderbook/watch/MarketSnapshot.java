package jm.orderbook.watch;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jm.core.Network;
import jm.core.Nick;
import jm.taker.bond.VerifiedBond;
import jm.taker.offer.MakerOffer;

/**
 * The market at one moment, immutable.
 *
 * @param network     the Bitcoin network (bond addresses)
 * @param taken       when the snapshot was taken
 * @param lastUpdate  when an offer, withdrawal or bond last changed the book; empty before any
 * @param offers      every offer, each with its maker's bond value
 * @param bonds       verified bonds, one per maker at most, largest value first
 * @param directories every configured directory, with what it sees
 * @param seenOn      for each maker, the directories it was seen on ({@link #DIRECT} for direct)
 * @param bondsVerified whether bonds are checked against a chain (false: none are shown)
 */
public record MarketSnapshot(Network network, Instant taken, Optional<Instant> lastUpdate, List<MakerOffer> offers,
                             List<VerifiedBond> bonds, List<DirectoryView> directories, Map<Nick, List<String>> seenOn,
                             boolean bondsVerified) {
    /** The pseudo-directory for makers seen on a direct connection only. */
    public static final String DIRECT = "direct";

    public MarketSnapshot {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(taken, "taken");
        Objects.requireNonNull(lastUpdate, "lastUpdate");
        offers = List.copyOf(offers);
        bonds = List.copyOf(bonds);
        directories = List.copyOf(directories);
        seenOn = Map.copyOf(seenOn);
    }

    /**
     * One directory as the watcher sees it.
     *
     * @param name      its configured {@code host:port}
     * @param connected whether our connection to it is up
     * @param makers    makers with offers seen on it, sorted
     */
    public record DirectoryView(String name, boolean connected, List<Nick> makers) {
        public DirectoryView {
            Objects.requireNonNull(name, "name");
            makers = List.copyOf(makers);
        }
    }

    /** Distinct makers with at least one offer. */
    public long makerCount() {
        return offers.stream().map(MakerOffer::maker).distinct().count();
    }

    /** Sum of all bond values (the denominator of each bond's share). */
    public double totalBondValue() {
        return bonds.stream().mapToDouble(VerifiedBond::value).sum();
    }

    /**
     * A bond's share of a fidelity-bond-weighted pick: its value over the sum of all bond values
     * in the book, i.e. the chance that one bond-weighted draw among bonded makers picks it.
     */
    public double bondShare(VerifiedBond b) {
        double total = totalBondValue();
        return total > 0 ? b.value() / total : 0;
    }

    /** The maker's verified bond, if any. */
    public Optional<VerifiedBond> bondOf(Nick maker) {
        return bonds.stream().filter(b -> b.maker().equals(maker)).findFirst();
    }

    /** Directories the maker was seen on (empty if unknown). */
    public List<String> directoriesOf(Nick maker) {
        return seenOn.getOrDefault(maker, List.of());
    }
}
