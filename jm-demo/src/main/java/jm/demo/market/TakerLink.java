package jm.demo.market;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import jm.core.Nick;
import jm.core.command.EncryptedCommand;
import jm.core.command.PlaintextCommand;
import jm.core.offer.OfferType;
import jm.core.wire.PubMsg;
import jm.core.wire.VerifiedPrivMsg;
import jm.net.channel.ChannelId;
import jm.net.channel.MessageListener;
import jm.taker.adapter.ChannelMessenger;
import jm.taker.session.TakerMessenger;

/**
 * Between the taker session and jm-taker's {@link ChannelMessenger}: passes everything through,
 * and (1) for {@link Route#RELAYED} never asks for a direct connection; (2) tells the
 * {@link OrderbookQuorum} which makers have answered with an offer; (3) records which makers were
 * reached directly.
 */
final class TakerLink implements TakerMessenger, MessageListener {
    private final ChannelMessenger messenger;
    private final Route route;
    private final OrderbookQuorum quorum;
    private final Set<Nick> direct = ConcurrentHashMap.newKeySet();
    private volatile java.util.function.Function<Nick, Boolean> isDirect = n -> false;

    TakerLink(ChannelMessenger messenger, Route route, OrderbookQuorum quorum) {
        this.messenger = Objects.requireNonNull(messenger);
        this.route = Objects.requireNonNull(route);
        this.quorum = Objects.requireNonNull(quorum);
    }

    void directProbe(java.util.function.Function<Nick, Boolean> probe) {
        this.isDirect = probe;
    }

    /** Makers with which a direct connection was up when they were filled or answered. */
    Set<Nick> reachedDirectly() {
        return Set.copyOf(direct);
    }

    @Override
    public Nick ownNick() {
        return messenger.ownNick();
    }

    @Override
    public void requestOrderbook() {
        messenger.requestOrderbook();
    }

    @Override
    public void send(Nick to, PlaintextCommand command) {
        noteRoute(to);
        messenger.send(to, command);
    }

    @Override
    public void send(Nick to, EncryptedCommand command) {
        noteRoute(to);
        messenger.send(to, command);
    }

    private void noteRoute(Nick to) {
        if (isDirect.apply(to)) {
            direct.add(to);
        }
    }

    @Override
    public CompletableFuture<Void> prepareDirect(Nick maker) {
        if (route == Route.RELAYED) {
            return CompletableFuture.completedFuture(null);
        }
        return messenger.prepareDirect(maker);
    }

    @Override
    public void onPrivate(ChannelId via, VerifiedPrivMsg message) {
        messenger.onPrivate(via, message); // queues the offer on the session thread first
        if (OfferType.fromWireName(message.command()).isPresent()) {
            quorum.offerFrom(message.from());
        }
    }

    @Override
    public void onPublic(ChannelId via, PubMsg message) {
        messenger.onPublic(via, message);
    }
}
