package jm.directory.peer;

import io.netty.channel.Channel;
import java.util.Objects;
import jm.core.wire.MessageType;

/**
 * One handshaked peer: its connection, nick, location and features, and the heartbeat
 * timestamps. Immutable identity; the timestamps are written by the peer's event loop and read
 * by the heartbeat sweep. Kept small (no per-peer caches or maps): tens of thousands of these live at once.
 */
public final class Peer {
    private final Channel channel;
    private final String nick;
    private final String location;
    private final boolean serving;
    private final boolean peerlistFeatures;
    private final boolean ping;
    /** Sorted feature names joined with '+', or "" (shared between peers with the same set). */
    private final String featureField;

    /** The nick key this connection proved it holds (JMP-0005), or null. */
    private volatile String verifiedPubKey;
    private volatile long lastSeenMillis;
    private volatile long pingSentMillis;
    private volatile long probeSentMillis;
    private volatile long unwritableSinceMillis;

    /**
     * @param featureField sorted feature names joined with '+' ("" for none)
     * @param serving      whether {@code location} is a reachable host:port (a maker)
     */
    public Peer(Channel channel, String nick, String location, boolean serving, boolean peerlistFeatures,
            boolean ping, String featureField, long nowMillis) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.nick = Objects.requireNonNull(nick, "nick");
        this.location = Objects.requireNonNull(location, "location");
        this.featureField = Objects.requireNonNull(featureField, "featureField");
        this.serving = serving;
        this.peerlistFeatures = peerlistFeatures;
        this.ping = ping;
        this.lastSeenMillis = nowMillis;
    }

    public Channel channel() { return channel; }
    public String nick() { return nick; }
    public String location() { return location; }
    public boolean serving() { return serving; }
    public boolean peerlistFeatures() { return peerlistFeatures; }
    public boolean ping() { return ping; }
    public String featureField() { return featureField; }

    /** {@code nick;location}, or with {@code ;F:a+b} when {@code withFeatures} and the peer has features. */
    public String entry(boolean withFeatures) {
        if (withFeatures && !featureField.isEmpty()) {
            return nick + ';' + location + ";F:" + featureField;
        }
        return nick + ';' + location;
    }

    /** {@code nick;location;D}: the departure notice. */
    public String departureEntry() {
        return nick + ';' + location + ";D";
    }

    /**
     * The PEERLIST frame announcing this peer to a receiver of its PRIVMSG, in the format the
     * receiver understands; null when this peer serves no location.
     */
    public byte[] relayPeerlistFor(Peer receiver) {
        // encoded per relayed message (~100 bytes, well under a microsecond) rather than held
        // per peer: two cached frames cost every idle maker ~200 bytes of heap
        return serving ? Frames.encode(MessageType.PEERLIST, entry(receiver.peerlistFeatures)) : null;
    }

    public String verifiedPubKey() { return verifiedPubKey; }
    public void markVerified(String pubKeyHex) { verifiedPubKey = Objects.requireNonNull(pubKeyHex); }
    public long lastSeenMillis() { return lastSeenMillis; }
    public void seen(long nowMillis) {
        lastSeenMillis = nowMillis;
        if (pingSentMillis != 0) {
            pingSentMillis = 0;
        }
    }
    public long pingSentMillis() { return pingSentMillis; }
    public void pingSent(long nowMillis) { pingSentMillis = nowMillis; }
    public long probeSentMillis() { return probeSentMillis; }
    public void probeSent(long nowMillis) { probeSentMillis = nowMillis; }
    public long unwritableSinceMillis() { return unwritableSinceMillis; }
    public void writability(boolean writable, long nowMillis) {
        unwritableSinceMillis = writable ? 0 : (unwritableSinceMillis == 0 ? nowMillis : unwritableSinceMillis);
    }

    @Override
    public String toString() {
        return "Peer[" + nick + " " + location + "]";
    }
}
