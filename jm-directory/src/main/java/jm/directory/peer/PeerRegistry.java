package jm.directory.peer;

import io.netty.channel.EventLoop;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Handshaked peers by nick (O(1) lookup for PRIVMSG relay) and by event loop (so a broadcast
 * submits one task per loop instead of one per peer). One nick per live connection; the
 * first live holder keeps it. Thread-safe.
 */
public final class PeerRegistry {
    /** Outcome of {@link #register}. */
    public enum Admission { ACCEPTED, NICK_TAKEN, FULL }

    private final int maxPeers;
    private final ConcurrentHashMap<String, Peer> byNick = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<EventLoop, Set<Peer>> byLoop = new ConcurrentHashMap<>();
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
            removeFromLoop(old);
            count.decrementAndGet();
            if (old.serving()) {
                makers.decrementAndGet();
            }
        }
        byLoop.computeIfAbsent(peer.channel().eventLoop(), l -> ConcurrentHashMap.newKeySet()).add(peer);
        if (peer.serving()) {
            makers.incrementAndGet();
        }
        return Admission.ACCEPTED;
    }

    /** Removes the peer if it is still the registered holder of its nick; returns whether it was. */
    public boolean unregister(Peer peer) {
        if (!byNick.remove(peer.nick(), peer)) {
            return false;
        }
        removeFromLoop(peer);
        count.decrementAndGet();
        if (peer.serving()) {
            makers.decrementAndGet();
        }
        return true;
    }

    private void removeFromLoop(Peer peer) {
        Set<Peer> set = byLoop.get(peer.channel().eventLoop());
        if (set != null) {
            set.remove(peer);
        }
    }

    public Peer get(String nick) {
        return byNick.get(nick);
    }

    /** A weakly consistent live view of all peers (safe to iterate while peers come and go). */
    public Collection<Peer> all() {
        return Collections.unmodifiableCollection(byNick.values());
    }

    /** Live per-event-loop peer sets. */
    public Map<EventLoop, Set<Peer>> byLoop() {
        return Collections.unmodifiableMap(byLoop);
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
