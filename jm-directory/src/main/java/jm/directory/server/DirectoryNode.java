package jm.directory.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import jm.core.Nick;
import jm.core.wire.Features;
import jm.core.wire.MessageType;
import jm.core.wire.NickAuth;
import jm.core.wire.WireJson;
import jm.directory.config.DirectoryConfig;
import jm.directory.config.NickAuthMode;
import jm.directory.metrics.DirectoryMetrics;
import jm.directory.metrics.RejectReason;
import jm.directory.peer.Frames;
import jm.directory.peer.Peer;
import jm.directory.peer.PeerRegistry;
import jm.directory.peer.PeerlistFormat;
import jm.directory.policy.BanList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State shared by all connections of one directory: the registry, bans, the pending
 * (not yet handshaked) connections, batched departures, relay and broadcast. Socket-free
 * except for writing to peers' channels, so tests drive it with Netty's {@code EmbeddedChannel}
 * and call the sweeps directly with a fake {@link TimeSource}.
 */
public final class DirectoryNode {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryNode.class);

    /** Room left for escaping and the envelope around a batched departure PEERLIST line. */
    private static final int DEPARTURE_LINE_CHARS = 39_000;

    private final DirectoryConfig config;
    private final Nick nick;
    private final TimeSource time;
    private final DirectoryMetrics metrics;
    private final PeerRegistry registry;
    private final BanList bans = new BanList(100_000);
    private final Frames frames;
    private final Set<DirectoryHandler> pending = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> departures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger departuresQueued = new AtomicInteger();
    private final ConcurrentHashMap<Set<String>, String> featureFields = new ConcurrentHashMap<>();
    private final byte[] acceptedFrame;
    private final SecureRandom random = new SecureRandom();
    private volatile NickAuthMode nickAuthMode = NickAuthMode.PREFER_VERIFIED;
    /** The id clients sign for in the nick-auth exchange; null until known (nick_auth not advertised). */
    private volatile String directoryId;
    private volatile byte[] acceptedFrameWithNickAuth;
    private final byte[] pingFrame = Frames.encode(MessageType.PING, "");
    private final byte[] pongFrame = Frames.encode(MessageType.PONG, "");
    private final byte[] orderbookProbeFrame;
    private final long startedMillis;
    private final Object budgetLock = new Object();
    private final ConcurrentHashMap<EventLoop, BulkLane> lanes = new ConcurrentHashMap<>();
    private double budgetTokens;
    private long budgetLastNanos;

    public DirectoryNode(DirectoryConfig config, Nick nick, TimeSource time, DirectoryMetrics metrics) {
        this.config = Objects.requireNonNull(config, "config");
        this.nick = Objects.requireNonNull(nick, "nick");
        this.time = Objects.requireNonNull(time, "time");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.registry = new PeerRegistry(config.maxPeers());
        this.frames = new Frames(config.maxJsonNestingDepth());
        this.acceptedFrame = dnHandshakeFrame(true, config.motd());
        this.orderbookProbeFrame = Frames.encode(MessageType.PUBMSG, nick.value() + "!PUBLIC!orderbook");
        this.startedMillis = time.millis();
        this.budgetTokens = Math.max(1, config.broadcastDeliveriesPerSecond() / 5.0);
        this.budgetLastNanos = time.nanos();
    }

    /** A new per-connection handler (one per channel: it holds that connection's state). */
    public DirectoryHandler newHandler() {
        return new DirectoryHandler(this);
    }

    /**
     * Sets up a new connection's pipeline: this connection's handler (which splits lines itself)
     * and nothing else (every handler costs each idle peer a context object).
     */
    public void initPipeline(ChannelPipeline pipeline) {
        pipeline.addLast(newHandler());
    }

    public DirectoryConfig config() { return config; }
    public Nick nick() { return nick; }
    public DirectoryMetrics metrics() { return metrics; }
    public PeerRegistry registry() { return registry; }
    TimeSource time() { return time; }
    Frames frames() { return frames; }
    BanList bans() { return bans; }
    byte[] pingFrame() { return pingFrame; }
    byte[] pongFrame() { return pongFrame; }
    byte[] acceptedFrame() { return advertisesNickAuth() ? acceptedFrameWithNickAuth : acceptedFrame; }

    /**
     * Sets the nick-authentication mode (JMP-0005) and the directory id clients sign for: the
     * lowercase {@code <onion>:<virtual port>} of our onion service, or {@code host:port} in local
     * mode. Without an id the directory neither advertises {@code nick_auth} nor runs the exchange.
     */
    public void nickAuth(NickAuthMode mode, String id) {
        if (id != null && !NickAuth.isValidDirectoryId(id)) {
            throw new IllegalArgumentException("invalid directory id: " + id);
        }
        acceptedFrameWithNickAuth = dnHandshakeFrame(true, config.motd(), true);
        nickAuthMode = Objects.requireNonNull(mode);
        directoryId = id;
    }

    public NickAuthMode nickAuthMode() { return nickAuthMode; }
    /** The directory id clients sign for, or null while unknown. */
    public String directoryId() { return directoryId; }

    /** Whether DN_HANDSHAKE advertises {@code nick_auth} (a mode other than disabled and a known id). */
    boolean advertisesNickAuth() {
        return nickAuthMode != NickAuthMode.DISABLED && directoryId != null;
    }

    /** 32 fresh random bytes for a nick-auth challenge. */
    byte[] challengeBytes() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return b;
    }

    /** A new connection on {@code loop}: pending until its handshake; its loop gets a broadcast lane. */
    void pendingAdded(DirectoryHandler h, EventLoop loop) {
        pending.add(h);
        lanes.computeIfAbsent(loop, BulkLane::new);
    }
    void pendingRemoved(DirectoryHandler h) { pending.remove(h); }

    /** The DN_HANDSHAKE (795) frame (PROTOCOL.md 2.2), Python json.dumps layout inside the line. */
    byte[] dnHandshakeFrame(boolean accepted, String motd) {
        return dnHandshakeFrame(accepted, motd, advertisesNickAuth());
    }

    private byte[] dnHandshakeFrame(boolean accepted, String motd, boolean nickAuth) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"app-name\": \"joinmarket\", \"directory\": true, \"proto-ver-min\": 5, \"proto-ver-max\": 5, ")
                .append(nickAuth ? "\"features\": {\"nick_auth\": true, \"peerlist_features\": true, \"ping\": true}"
                        : "\"features\": {\"peerlist_features\": true, \"ping\": true}")
                .append(", \"accepted\": ")
                .append(accepted ? "true" : "false").append(", \"nick\": \"");
        WireJson.appendEscaped(sb, nick.value());
        sb.append("\", \"network\": \"");
        WireJson.appendEscaped(sb, config.networkName());
        sb.append("\", \"motd\": \"");
        WireJson.appendEscaped(sb, motd);
        sb.append("\"}");
        return Frames.encode(MessageType.DN_HANDSHAKE, sb.toString());
    }

    /** The shared {@code a+b} text for a feature set (peers with the same set share one string). */
    String featureField(Features f) {
        if (f.names().isEmpty()) {
            return "";
        }
        return featureFields.computeIfAbsent(Set.copyOf(f.names()), k -> f.toPeerlistField());
    }

    /** Whether {@code ip} may connect now. */
    boolean addressBanned(String ip) {
        return ip != null && bans.isBanned("ip:" + ip, time.millis());
    }

    boolean nickBanned(String nick) {
        return bans.isBanned("nick:" + nick, time.millis());
    }

    /** Bans a misbehaving connection's nick (if any) and, unless loopback and not allowed, its address. */
    void ban(String peerNick, String ip, boolean loopback, RejectReason why) {
        long until = time.millis() + config.banDuration().toMillis();
        long now = time.millis();
        if (peerNick != null) {
            bans.ban("nick:" + peerNick, until, now);
        }
        if (ip != null && (!loopback || config.banLoopbackAddresses())) {
            bans.ban("ip:" + ip, until, now);
        }
        metrics.banned();
        LOG.info("{} banned for {} s after repeated {} (address {})", peerNick == null ? "unhandshaked peer" : peerNick,
                config.banDuration().toSeconds(), why.label(),
                loopback && !config.banLoopbackAddresses() ? "not banned: loopback" : ip);
    }

    /**
     * Relays a PRIVMSG line to its target, followed by a PEERLIST with the sender's entry when
     * the sender serves a location (in the format the receiver understands). Target lookup is
     * O(1); nothing here depends on how many peers are connected.
     */
    void relayPrivmsg(Peer from, String line, String toNick) {
        if (toNick.equals(nick.value())) {
            return; // answers to our own !orderbook probe: activity only
        }
        Peer to = registry.get(toNick);
        if (to == null || !to.channel().isActive()) {
            metrics.rejected(RejectReason.UNKNOWN_RECIPIENT);
            return;
        }
        Channel ch = to.channel();
        if (!ch.isWritable()) {
            metrics.rejected(RejectReason.SLOW_PEER_SKIPPED);
            return;
        }
        byte[] frame = Frames.encode(MessageType.PRIVMSG, line);
        if (frame.length - 2 > Frames.MAX_SEND_LINE_BYTES) {
            metrics.rejected(RejectReason.RELAY_TOO_LONG);
            return;
        }
        byte[] peerlist = from.relayPeerlistFor(to);
        ByteBuf buf = peerlist == null ? Unpooled.wrappedBuffer(frame) : Unpooled.wrappedBuffer(frame, peerlist);
        ch.writeAndFlush(buf, ch.voidPromise());
        metrics.privmsgRelayed();
    }

    /**
     * Writes one pre-encoded frame to every handshaked peer except {@code except}: one task per
     * event loop, each walking the registry and writing a shared read-only buffer to its own
     * loop's peers (no per-loop index per peer: skipping another loop's peer costs a comparison).
     * Peers that are not reading (channel not writable) are skipped, never buffered for.
     *
     * @param countAsPubmsg whether deliveries count as PUBMSG deliveries in the metrics
     */
    void broadcast(byte[] frame, Peer except, boolean countAsPubmsg) {
        if (countAsPubmsg) {
            metrics.pubmsgBroadcast(0);
        }
        if (registry.size() == 0) {
            return;
        }
        for (BulkLane lane : lanes.values()) {
            Broadcast b = new Broadcast(frame, lane.loop, registry.all().iterator(), except, countAsPubmsg);
            lane.loop.execute(() -> lane.submit(b));
        }
    }

    /**
     * One event loop's queue of broadcasts in progress. A single task works through it at most
     * {@link #SLICE} writes at a time and then yields, so however many broadcasts are pending, a
     * relay or a read on that loop waits for at most one slice (bulk traffic never delays
     * private messages by more than that). Confined to its loop.
     */
    private final class BulkLane implements Runnable {
        private static final int SLICE = 64;
        private final EventLoop loop;
        private final java.util.ArrayDeque<Broadcast> queue = new java.util.ArrayDeque<>();
        private boolean scheduled;

        BulkLane(EventLoop loop) {
            this.loop = loop;
        }

        void submit(Broadcast b) {
            queue.add(b);
            if (!scheduled) {
                scheduled = true;
                loop.execute(this);
            }
        }

        @Override
        public void run() {
            int budget = SLICE;
            while (budget > 0 && !queue.isEmpty()) {
                Broadcast b = queue.peek();
                budget -= b.writeSome(budget);
                if (b.done()) {
                    queue.poll();
                    b.finish();
                }
            }
            if (queue.isEmpty()) {
                scheduled = false;
            } else {
                loop.execute(this);
            }
        }
    }

    /** One frame being written to one event loop's peers from a shared read-only buffer. */
    private final class Broadcast {
        private final ByteBuf shared;
        private final EventLoop loop;
        private final java.util.Iterator<Peer> peers;
        private final Peer except;
        private final boolean countAsPubmsg;
        private int delivered;
        private int skipped;
        private boolean failed;

        Broadcast(byte[] frame, EventLoop loop, java.util.Iterator<Peer> peers, Peer except, boolean countAsPubmsg) {
            this.shared = Unpooled.wrappedBuffer(frame);
            this.loop = loop;
            this.peers = peers;
            this.except = except;
            this.countAsPubmsg = countAsPubmsg;
        }

        /** Visits up to {@code max} of this loop's peers; returns how many (at least 1 unless done). */
        int writeSome(int max) {
            int n = 0;
            try {
                while (n < max && peers.hasNext()) {
                    Peer p = peers.next();
                    Channel ch = p.channel();
                    if (ch.eventLoop() != loop) {
                        continue;
                    }
                    n++;
                    if (p == except) {
                        continue;
                    }
                    if (!ch.isActive()) {
                        continue;
                    }
                    if (!ch.isWritable()) {
                        skipped++;
                        continue;
                    }
                    ch.writeAndFlush(shared.retainedDuplicate(), ch.voidPromise());
                    delivered++;
                }
            } catch (RuntimeException e) {
                failed = true;
                LOG.warn("broadcast interrupted: {}", e.toString());
            }
            return Math.max(1, n);
        }

        boolean done() {
            return failed || !peers.hasNext();
        }

        void finish() {
            shared.release();
            if (countAsPubmsg) {
                metrics.pubmsgDelivered(delivered);
            }
            for (int i = 0; i < skipped; i++) {
                metrics.rejected(RejectReason.SLOW_PEER_SKIPPED);
            }
        }
    }

    /**
     * Takes {@code cost} deliveries from the directory-wide broadcast budget; false when a
     * broadcast now would exceed it (the PUBMSG is then dropped). Caps what floods from many
     * connections (or many Tor circuits sharing 127.0.0.1) can cost in total.
     */
    boolean takeBroadcastBudget(int cost) {
        long rate = config.broadcastDeliveriesPerSecond();
        if (rate <= 0) {
            return true;
        }
        double burst = Math.max(1, rate / 5.0); // at most 200 ms worth of copies at once
        long now = time.nanos();
        synchronized (budgetLock) {
            long elapsed = now - budgetLastNanos;
            if (elapsed > 0) {
                budgetTokens = Math.min(burst, budgetTokens + elapsed * (rate / 1e9));
                budgetLastNanos = now;
            }
            // a broadcast larger than the burst goes through when the bucket is full and leaves a
            // debt, so the long-run rate holds whatever the number of peers
            if (budgetTokens >= Math.min(cost, burst)) {
                budgetTokens -= cost;
                return true;
            }
            return false;
        }
    }

    /** A peer's connection closed: unregister it and queue its {@code ;D} notice (makers only). */
    void departed(Peer peer) {
        if (registry.unregister(peer) && peer.serving()) {
            departures.add(peer.departureEntry());
            departuresQueued.incrementAndGet();
        }
    }

    /**
     * Sends the queued departure notices: packed into as few PEERLIST lines as fit 40,000
     * bytes, each line encoded once and broadcast. Work is linear in the number of leavers
     * (plus one write per remaining peer per packed line), never leavers x peers envelopes.
     *
     * @return how many departures were announced
     */
    public int flushDepartures() {
        if (departuresQueued.get() == 0) {
            return 0;
        }
        List<String> batch = new ArrayList<>();
        String e;
        while ((e = departures.poll()) != null) {
            departuresQueued.decrementAndGet();
            batch.add(e);
        }
        if (batch.isEmpty()) {
            return 0;
        }
        for (byte[] frame : PeerlistFormat.pack(batch, DEPARTURE_LINE_CHARS)) {
            broadcast(frame, null, false);
        }
        metrics.departureNotices(batch.size());
        return batch.size();
    }

    /**
     * The heartbeat sweep (PROTOCOL.md 1.8): evicts peers idle past the eviction age, peers that
     * did not answer a PING in time and peers that stopped reading for longer than the send
     * timeout; probes idle peers (PING if they advertised {@code ping}, else an {@code !orderbook}
     * PUBMSG to makers).
     *
     * @return how many peers were evicted
     */
    public int heartbeatSweep() {
        long now = time.millis();
        long evictAfter = config.heartbeatEvictAfter().toMillis();
        long probeAfter = config.heartbeatProbeAfter().toMillis();
        long pongWait = config.heartbeatPongWait().toMillis();
        long sendTimeout = config.sendTimeout().toMillis();
        int evicted = 0;
        for (Peer p : registry.all()) {
            long idle = now - p.lastSeenMillis();
            long pingAt = p.pingSentMillis();
            long unwritable = p.unwritableSinceMillis();
            String why = null;
            if (idle >= evictAfter) {
                why = "idle";
            } else if (pingAt != 0 && now - pingAt >= pongWait) {
                why = "no pong";
            } else if (unwritable != 0 && now - unwritable >= sendTimeout) {
                why = "not reading";
            }
            if (why != null) {
                LOG.debug("{} evicted: {}", p.nick(), why);
                metrics.evicted();
                p.channel().close();
                evicted++;
                continue;
            }
            if (idle >= probeAfter && pingAt == 0 && now - p.probeSentMillis() >= probeAfter) {
                Channel ch = p.channel();
                if (p.ping()) {
                    p.pingSent(now);
                    p.probeSent(now);
                    ch.writeAndFlush(Unpooled.wrappedBuffer(pingFrame), ch.voidPromise());
                    metrics.pingSent();
                } else if (p.serving()) {
                    p.probeSent(now);
                    ch.writeAndFlush(Unpooled.wrappedBuffer(orderbookProbeFrame), ch.voidPromise());
                    metrics.orderbookProbeSent();
                }
            }
        }
        return evicted;
    }

    /** Closes connections that have not completed a handshake within the timeout; returns how many. */
    public int handshakeSweep() {
        long now = time.millis();
        long limit = config.handshakeTimeout().toMillis();
        int closed = 0;
        for (DirectoryHandler h : pending) {
            if (now - h.connectedAtMillis() >= limit) {
                pending.remove(h);
                metrics.rejected(RejectReason.HANDSHAKE_TIMEOUT);
                h.closeForTimeout();
                closed++;
            }
        }
        return closed;
    }

    public DirectoryMetrics.Gauges gauges() {
        return new DirectoryMetrics.Gauges(registry.makers(), registry.takers(), pending.size(),
                bans.purge(time.millis()));
    }

    /** The {@code /health} JSON body. */
    public String healthJson() {
        DirectoryMetrics.Gauges g = gauges();
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"status\": \"healthy\", \"network\": \"");
        WireJson.appendEscaped(sb, config.networkName());
        sb.append("\", \"nick\": \"").append(nick.value()).append('"')
                .append(", \"uptime_seconds\": ").append(Math.max(0, (time.millis() - startedMillis) / 1000))
                .append(", \"peers\": ").append(g.makers() + g.takers())
                .append(", \"makers\": ").append(g.makers())
                .append(", \"takers\": ").append(g.takers())
                .append(", \"pending_connections\": ").append(g.pendingConnections())
                .append(", \"max_peers\": ").append(config.maxPeers())
                .append('}');
        return sb.toString();
    }

    /** The {@code /metrics} Prometheus body. */
    public String prometheus() {
        return metrics.prometheus(gauges());
    }
}
