package jm.orderbook.watch;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.command.Cancel;
import jm.core.command.Commands;
import jm.core.command.OfferCommand;
import jm.core.command.PrivateCommand;
import jm.core.command.PublicCommand;
import jm.core.command.TBond;
import jm.core.wire.DirectoryHandshake;
import jm.core.wire.PubMsg;
import jm.core.wire.VerifiedPrivMsg;
import jm.net.channel.ChannelId;
import jm.net.channel.MessageListener;
import jm.net.channel.OnionMessageChannel;
import jm.taker.bond.BondVerifier;
import jm.taker.offer.MakerOffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watcher's side of the message channel: a taker that asks for the orderbook and never
 * fills. Offers (public announcements and private answers to {@code !orderbook}) go into the
 * {@link MarketBook} through jm-taker's offer rules; {@code !cancel} withdraws; a maker that
 * departs from every directory is dropped; {@code !tbond} proofs are checked with jm-taker's
 * {@link BondVerifier} (skipped without a chain). Malformed peer input is dropped here, never
 * thrown. Runs on the channel's listener thread (bond checks make chain RPCs there, never on an
 * event loop).
 */
public final class OrderbookWatcher implements MessageListener {
    private static final Logger LOG = LoggerFactory.getLogger(OrderbookWatcher.class);

    private final MarketBook book;
    private final Optional<BondVerifier> bonds;
    private final Supplier<OnionMessageChannel> channel;
    private final Supplier<Nick> ownNick;

    /**
     * @param channel the channel (a supplier: the channel is built with this listener)
     * @param bonds   the bond verifier, empty to leave bonds unverified (and out of the book)
     */
    public OrderbookWatcher(MarketBook book, Optional<BondVerifier> bonds, Supplier<OnionMessageChannel> channel) {
        this(book, bonds, channel, () -> channel.get().nick());
    }

    /** @param ownNick our nick, to which makers bind their bond proofs */
    OrderbookWatcher(MarketBook book, Optional<BondVerifier> bonds, Supplier<OnionMessageChannel> channel,
            Supplier<Nick> ownNick) {
        this.book = Objects.requireNonNull(book);
        this.bonds = Objects.requireNonNull(bonds);
        this.channel = Objects.requireNonNull(channel);
        this.ownNick = Objects.requireNonNull(ownNick);
    }

    public MarketBook book() {
        return book;
    }

    /** Asks every connected directory for the orderbook; returns how many were asked. */
    public int requestOrderbook() {
        int n = channel.get().publish("orderbook");
        LOG.debug("!orderbook sent to {} directories", n);
        return n;
    }

    /**
     * Drops makers silent for longer than {@code silence} and forgets bond verdicts, so that the
     * answers to the next request are checked against the chain again (called each refresh round).
     */
    public List<Nick> dropSilent(Duration silence) {
        bonds.ifPresent(BondVerifier::forget);
        List<Nick> gone = book.dropSilent(silence);
        if (!gone.isEmpty()) {
            LOG.info("dropped {} makers silent for over {} s: {}", gone.size(), silence.toSeconds(), gone);
        }
        return gone;
    }

    @Override
    public void onDirectoryUp(String directory, DirectoryHandshake handshake) {
        try {
            channel.get().publishOn(new ChannelId.Directory(directory), "orderbook");
        } catch (RuntimeException | jm.net.channel.NoRouteException e) {
            LOG.debug("!orderbook to {} failed: {}", directory, e.toString());
        }
    }

    @Override
    public void onPeerDeparted(Nick nick) {
        book.makerGone(nick);
    }

    @Override
    public void onPublic(ChannelId via, PubMsg message) {
        try {
            for (PublicCommand c : Commands.parsePublic(message).commands()) {
                if (c instanceof OfferCommand oc) {
                    addOffer(message.from(), oc, via);
                } else if (c instanceof Cancel cancel) {
                    book.withdraw(message.from(), cancel.oid());
                }
            }
        } catch (ProtocolException | RuntimeException e) {
            LOG.debug("dropped public message from {} via {}: {}", message.from(), via, e.toString());
        }
    }

    @Override
    public void onPrivate(ChannelId via, VerifiedPrivMsg message) {
        try {
            for (PrivateCommand c : Commands.parsePrivate(message).commands()) {
                if (c instanceof OfferCommand oc) {
                    addOffer(message.from(), oc, via);
                } else if (c instanceof TBond tb && bonds.isPresent()) {
                    Optional<jm.taker.bond.VerifiedBond> b = bonds.get().verify(ownNick.get(), message.from(),
                            tb.proofBase64());
                    if (b.isPresent()) {
                        book.bond(b.get(), name(via));
                    } else {
                        book.bondRejected(message.from());
                    }
                }
            }
        } catch (ProtocolException | RuntimeException e) {
            LOG.debug("dropped private message from {} via {}: {}", message.from(), via, e.toString());
        }
    }

    private void addOffer(Nick from, OfferCommand oc, ChannelId via) {
        try {
            book.offer(MakerOffer.from(from, oc.offer()), name(via));
        } catch (ProtocolException e) {
            book.withdraw(from, oc.offer().oid()); // like the taker: an invalid re-announcement withdraws
        }
    }

    static String name(ChannelId via) {
        return via instanceof ChannelId.Directory d ? d.directory() : MarketSnapshot.DIRECT;
    }
}
