package jm.net.channel;

import java.security.SecureRandom;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import jm.core.crypto.NickKey;
import jm.core.wire.NotServing;
import jm.net.tor.StreamIsolation;

/**
 * The parts a connection handler works with, wired as {@link OnionMessageChannel} wires them but
 * without sockets, so that a {@link DirectoryHandler} or {@link DirectHandler} runs on an
 * {@code EmbeddedChannel}. Callbacks run at once on the calling thread.
 */
final class HandlerFixture {
    final OwnIdentity own;
    final ListenerDispatch dispatch;
    final PeerTable peers = new PeerTable(1_000);
    final DirectConnections directs = new DirectConnections();
    final HandlerFailures failures = new HandlerFailures();
    final InboundMessages messages;
    final DirectoryLinks links;

    HandlerFixture(NickKey key, MessageListener listener) {
        this.own = new OwnIdentity(MessageChannelConfig.local("regtest", List.of()), key);
        own.announce(NotServing.INSTANCE);
        this.dispatch = new ListenerDispatch(Runnable::run, listener, 10_000);
        this.messages = new InboundMessages(key.nick(), peers, InboundFilter.ACCEPT_ALL, dispatch, null);
        this.links = new DirectoryLinks(own, null, null, new SplittableRandom(), StreamIsolation.random(
                new SecureRandom()), dispatch);
    }

    HandlerParts parts() {
        return new HandlerParts(own, directs, messages, dispatch, failures);
    }

    DirectoryHandler directory(String id) {
        return new DirectoryHandler(id, links, peers, parts());
    }

    DirectHandler inbound(DirectServerLimits limits, LongSupplier nanoTime) {
        BanList bans = new BanList(limits.banDuration(), limits.maxBans(), nanoTime);
        return DirectHandler.inbound(new InboundLimits(limits, nanoTime, bans, OnionMessageChannel::addressAndPort),
                parts());
    }
}
