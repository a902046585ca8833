package jm.directory.peer;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Handshaked peers by nick (O(1) lookup for PRIVMSG relay). One nick per live connection; the
 * first live holder keeps it. Thread-safe. One map entry per peer and no other index: a broadcast
 * walks {@link #all()} on each event loop and writes to that loop's own peers.
 */
public final class PeerRegistry {
    /** Outcome of {@link #register}. */
    public enum Admission { ACCEPTED, NICK_TAKEN, FULL }

    private final int maxPeers;
    private final ConcurrentHashMap<String, Peer> byNick = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger makers = new AtomicInteger();

    public PeerRegistry(int maxPeers) {
        this.maxPeers = maxPeers;
    }

    /** Adds a peer unless its nick is held by a live connection or the directory is full. */
    public Admission register(Peer peer) {
        if (count.incrementAndGet() > maxPeers) {
            count.decrementAndGet();
            return Admission.FULL;
        }
        Peer old = byNick.putIfAbsent(peer.nick(), peer);
        if (old != null) {
            if (old.channel().isActive() || !byNick.replace(peer.nick(), old, peer)) {
                count.decrementAndGet();
                return Admission.NICK_TAKEN;
            }
            // the stale holder's own unregister will find a different peer and do nothing
            count.decrementAndGet();
            if (old.serving()) {
                makers.decrementAndGet();
            }
        }
        if (peer.serving()) {
            makers.incrementAndGet();
        }
        return Admission.ACCEPTED;
    }

    /** Outcome of {@link #registerVerified}: the admission and the holder it displaced, if any. */
    public record Registration(Admission admission, Peer displaced) {
    }

    /**
     * Adds a peer that proved it holds its nick key (JMP-0005). It replaces the current holder of
     * the nick, live or not, unless that holder proved a different key; the replaced peer is
     * returned so the caller closes its connection.
     */
    public Registration registerVerified(Peer peer) {
        String key = Objects.requireNonNull(peer.verifiedPubKey(), "peer is not verified");
        while (true) {
            Peer old = byNick.get(peer.nick());
            if (old == null) {
                if (count.incrementAndGet() > maxPeers) {
                    count.decrementAndGet();
                    return new Registration(Admission.FULL, null);
                }
                if (byNick.putIfAbsent(peer.nick(), peer) != null) {
                    count.decrementAndGet();
                    continue;
                }
                added(peer);
                return new Registration(Admission.ACCEPTED, null);
            }
            if (old.verifiedPubKey() != null && !old.verifiedPubKey().equals(key) && old.channel().isActive()) {
                return new Registration(Admission.NICK_TAKEN, null);
            }
            if (byNick.replace(peer.nick(), old, peer)) {
                if (old.serving()) {
                    makers.decrementAndGet();
                }
                added(peer);
                return new Registration(Admission.ACCEPTED, old);
            }
        }
    }

    private void added(Peer peer) {
        if (peer.serving()) {
            makers.incrementAndGet();
        }
    }

    /** Removes the peer if it is still the registered holder of its nick; returns whether it was. */
    public boolean unregister(Peer peer) {
        if (!byNick.remove(peer.nick(), peer)) {
            return false;
        }
        count.decrementAndGet();
        if (peer.serving()) {
            makers.decrementAndGet();
        }
        return true;
    }

    public Peer get(String nick) {
        return byNick.get(nick);
    }

    /** A weakly consistent live view of all peers (safe to iterate while peers come and go). */
    public Collection<Peer> all() {
        return Collections.unmodifiableCollection(byNick.values());
    }

    public int size() {
        return count.get();
    }

    /** Peers that serve a location (makers). */
    public int makers() {
        return makers.get();
    }

    /** Peers that serve no location (takers, watchers). */
    public int takers() {
        return count.get() - makers.get();
    }
}
