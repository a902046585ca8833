package jm.net.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jm.core.Nick;
import jm.core.wire.Features;
import jm.core.wire.Location;
import jm.core.wire.NotServing;
import jm.core.wire.PeerlistEntry;

/**
 * What each directory told us about each nick (PEERLIST entries, and nicks seen sending through
 * it): location, features and whether the nick is gone on that directory. Bounded per directory.
 * Thread-safe.
 */
public final class PeerTable {
    /** What one directory knows about one nick. */
    public record Sighting(Location location, Features features, boolean disconnected) {
    }

    /** A peer as seen across directories. */
    public record PeerView(Nick nick, Map<String, Sighting> byDirectory) {
        public PeerView {
            byDirectory = Map.copyOf(byDirectory);
        }

        /** Directories on which the nick is present (not marked gone). */
        public List<String> presentOn() {
            List<String> out = new ArrayList<>();
            byDirectory.forEach((d, s) -> {
                if (!s.disconnected()) {
                    out.add(d);
                }
            });
            return out;
        }

        /** A location at which the peer serves direct connections, if any directory knows one. */
        public Optional<Location> servingLocation() {
            return byDirectory.values().stream().filter(s -> !s.disconnected())
                    .map(Sighting::location).filter(l -> !(l instanceof NotServing)).findFirst();
        }

        /** Union of advertised features. */
        public Features features() {
            java.util.Set<String> names = new java.util.HashSet<>();
            byDirectory.values().forEach(s -> names.addAll(s.features().names()));
            return new Features(names);
        }
    }

    private final int maxNicksPerDirectory;
    private final Map<Nick, Map<String, Sighting>> peers = new ConcurrentHashMap<>();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    public PeerTable(int maxNicksPerDirectory) {
        if (maxNicksPerDirectory < 1) {
            throw new IllegalArgumentException("maxNicksPerDirectory < 1");
        }
        this.maxNicksPerDirectory = maxNicksPerDirectory;
    }

    /** Applies one PEERLIST entry from a directory. */
    public void apply(String directory, PeerlistEntry e) {
        Sighting s = new Sighting(e.location(), e.features(), e.disconnected());
        put(directory, e.nick(), s, !e.disconnected());
    }

    /**
     * Records that a nick sent a message through a directory (it is present there), keeping a
     * location and features already known.
     */
    public void seen(String directory, Nick nick) {
        Map<String, Sighting> m = peers.get(nick);
        Sighting old = m == null ? null : m.get(directory);
        if (old != null && !old.disconnected()) {
            return;
        }
        Sighting s = old == null ? new Sighting(NotServing.INSTANCE, Features.NONE, false)
                : new Sighting(old.location(), old.features(), false);
        put(directory, nick, s, true);
    }

    private synchronized void put(String directory, Nick nick, Sighting s, boolean mayAdd) {
        Map<String, Sighting> m = peers.get(nick);
        boolean isNew = m == null || !m.containsKey(directory);
        if (isNew) {
            if (!mayAdd) {
                return; // a departure of a nick we never knew: nothing to record
            }
            if (counts.getOrDefault(directory, 0) >= maxNicksPerDirectory) {
                purgeGone(directory);
                if (counts.getOrDefault(directory, 0) >= maxNicksPerDirectory) {
                    return;
                }
            }
            counts.merge(directory, 1, Integer::sum);
        }
        peers.computeIfAbsent(nick, k -> new ConcurrentHashMap<>()).put(directory, s);
    }

    /** Forgets the nicks a directory reported gone, to make room (caller holds the lock). */
    private void purgeGone(String directory) {
        var it = peers.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            Sighting s = e.getValue().get(directory);
            if (s != null && s.disconnected()) {
                e.getValue().remove(directory);
                counts.merge(directory, -1, Integer::sum);
                if (e.getValue().isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    /** Number of nicks recorded for a directory (present or gone). */
    public int size(String directory) {
        return counts.getOrDefault(directory, 0);
    }

    /** Marks every nick of a directory gone on it (the connection was lost). */
    public synchronized void directoryLost(String directory) {
        for (Map<String, Sighting> m : peers.values()) {
            m.computeIfPresent(directory, (d, s) -> new Sighting(s.location(), s.features(), true));
        }
    }

    public Optional<PeerView> get(Nick nick) {
        Map<String, Sighting> m = peers.get(nick);
        return m == null ? Optional.empty() : Optional.of(new PeerView(nick, m));
    }

    /** Nicks present on at least one directory. */
    public List<Nick> presentNicks() {
        List<Nick> out = new ArrayList<>();
        peers.forEach((n, m) -> {
            if (m.values().stream().anyMatch(s -> !s.disconnected())) {
                out.add(n);
            }
        });
        return out;
    }
}
