package jm.net.channel;

import io.netty.channel.Channel;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jm.core.Nick;

/**
 * The registry of direct connections: every open one by connection id, the verified nick each is
 * bound to (the newest verified connection of a nick wins; closing an older one leaves it), how
 * many are inbound, and the dials still waiting for the peer's handshake. Thread-safe.
 */
final class DirectConnections {
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger inbound = new AtomicInteger();
    private final Map<Long, DirectHandler> open = new ConcurrentHashMap<>();
    private final Map<Nick, DirectHandler> byNick = new ConcurrentHashMap<>();
    private final Map<Nick, CompletableFuture<ChannelId.Direct>> pending = new ConcurrentHashMap<>();

    /** A fresh connection id, unique within the channel. */
    ChannelId.Direct nextId() {
        return new ChannelId.Direct(ids.incrementAndGet());
    }

    void opened(DirectHandler h) {
        open.put(h.id().connectionId(), h);
        if (h.inbound()) {
            inbound.incrementAndGet();
        }
    }

    void closed(DirectHandler h, Nick identity) {
        if (open.remove(h.id().connectionId()) != null && h.inbound()) {
            inbound.decrementAndGet();
        }
        if (identity != null) {
            byNick.remove(identity, h);
        }
    }

    /** Binds a verified nick to a connection (newest wins). */
    void bind(Nick nick, DirectHandler h) {
        byNick.put(nick, h);
    }

    /** Accepted connections now open. */
    int inboundCount() {
        return inbound.get();
    }

    /** The handshaked, identity-confirmed direct connection to a nick, if any. */
    Optional<ChannelId.Direct> to(Nick nick) {
        DirectHandler d = byNick.get(nick);
        return d == null || !d.channel().isActive() ? Optional.empty() : Optional.of(d.id());
    }

    /** The channel of a handshaked, open connection. */
    Optional<Channel> channel(ChannelId.Direct id) {
        DirectHandler h = open.get(id.connectionId());
        return h == null || !h.handshaked() || !h.channel().isActive() ? Optional.empty() : Optional.of(h.channel());
    }

    /** Closes every open connection. */
    void closeAll() {
        open.values().forEach(d -> d.channel().close());
    }

    /** Registers a dial to a nick; returns the dial already running, if any. */
    CompletableFuture<ChannelId.Direct> startDial(Nick nick, CompletableFuture<ChannelId.Direct> fresh) {
        return pending.putIfAbsent(nick, fresh);
    }

    boolean isDialing(Nick nick) {
        return pending.containsKey(nick);
    }

    /** Forgets a dial (failed or closed); true if it was still pending. */
    boolean endDial(Nick nick, CompletableFuture<ChannelId.Direct> fresh) {
        return pending.remove(nick, fresh);
    }

    /** The peer we dialled sent a valid handshake: bind it and complete the dial. */
    void dialed(Nick nick, DirectHandler h) {
        byNick.put(nick, h);
        CompletableFuture<ChannelId.Direct> f = pending.remove(nick);
        if (f != null) {
            f.complete(h.id());
        }
    }
}
