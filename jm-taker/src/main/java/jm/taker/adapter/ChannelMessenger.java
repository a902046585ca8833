package jm.taker.adapter;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.command.Command;
import jm.core.command.Commands;
import jm.core.command.EncryptedCommand;
import jm.core.command.ParsedCommands;
import jm.core.command.PlaintextCommand;
import jm.core.wire.PubMsg;
import jm.core.wire.VerifiedPrivMsg;
import jm.net.channel.ChannelId;
import jm.net.channel.MessageListener;
import jm.net.channel.NoRouteException;
import jm.net.channel.OnionMessageChannel;
import jm.taker.session.CoinJoinSession;
import jm.taker.session.TakerMessenger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TakerMessenger} and {@link MessageListener} over jm-net's onion message channel:
 * {@code !orderbook} goes to every directory; private commands go over a direct connection to
 * the maker when one is up (opened when the maker is chosen), else through a directory where
 * the maker was seen. Inbound messages are parsed with jm-core's command parser and handed to
 * the session (which de-duplicates copies arriving over several channels). Malformed peer
 * input is dropped here, never thrown.
 */
public final class ChannelMessenger implements TakerMessenger, MessageListener {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelMessenger.class);

    private final Supplier<OnionMessageChannel> channel;
    private final Consumer<String> notices;
    private final boolean directConnections;
    private final Set<Nick> reachedDirectly = ConcurrentHashMap.newKeySet();
    private volatile CoinJoinSession session;

    /** @param channel the channel (a supplier, since the channel is built with this listener) */
    public ChannelMessenger(Supplier<OnionMessageChannel> channel) {
        this(channel, n -> LOG.warn("{}", n));
    }

    /**
     * @param notices where news for the user goes at once, such as a directory refusing us and why
     */
    public ChannelMessenger(Supplier<OnionMessageChannel> channel, Consumer<String> notices) {
        this(channel, notices, true);
    }

    /**
     * @param directConnections whether chosen makers are dialled directly ({@link #prepareDirect});
     *                          without, everything goes through directory relay
     */
    public ChannelMessenger(Supplier<OnionMessageChannel> channel, Consumer<String> notices,
            boolean directConnections) {
        this.channel = Objects.requireNonNull(channel);
        this.notices = Objects.requireNonNull(notices);
        this.directConnections = directConnections;
    }

    @Override
    public void onDirectoryRefused(String directory, String reason) {
        notices.accept(reason);
    }

    /** Inbound commands go to {@code s} from now on (one CoinJoin after another on one channel). */
    public void attach(CoinJoinSession s) {
        reachedDirectly.clear();
        this.session = s;
    }

    /** Makers of the attached session to which a private command went over a direct connection. */
    public Set<Nick> reachedDirectly() {
        return Set.copyOf(reachedDirectly);
    }

    @Override
    public Nick ownNick() {
        return channel.get().nick();
    }

    @Override
    public void requestOrderbook() {
        int n = channel.get().publish("orderbook");
        LOG.debug("!orderbook sent to {} directories", n);
    }

    @Override
    public void send(Nick to, PlaintextCommand command) {
        sendWire(to, command.name().wireName(), command.args());
    }

    @Override
    public void send(Nick to, EncryptedCommand command) {
        sendWire(to, command.name().wireName(), command.ciphertext());
    }

    private void sendWire(Nick to, String name, String args) {
        try {
            OnionMessageChannel ch = channel.get();
            if (ch.directTo(to).isPresent()) {
                reachedDirectly.add(to);
            }
            ch.sendPrivate(to, name, args);
        } catch (NoRouteException e) {
            LOG.info("no route to {} for !{}: {}", to, name, e.getMessage());
        } catch (RuntimeException e) {
            LOG.info("sending !{} to {} failed: {}", name, to, e.toString());
        }
    }

    @Override
    public CompletableFuture<Void> prepareDirect(Nick maker) {
        if (!directConnections) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            return channel.get().connectDirect(maker).handle((ok, err) -> {
                if (err != null) {
                    LOG.debug("no direct connection to {}: {}", maker, err.toString());
                } else {
                    LOG.debug("direct connection to {} up", maker);
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.debug("no direct connection to {}: {}", maker, e.toString());
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public void onPrivate(ChannelId via, VerifiedPrivMsg message) {
        hand("private", message.from(), via, () -> Commands.parsePrivate(message), CoinJoinSession::onPrivate);
    }

    @Override
    public void onPublic(ChannelId via, PubMsg message) {
        hand("public", message.from(), via, () -> Commands.parsePublic(message), CoinJoinSession::onPublic);
    }

    /** Parses a message's commands. */
    @FunctionalInterface
    private interface Parse<C extends Command> {
        ParsedCommands<C> commands() throws ProtocolException;
    }

    /** Hands a message's commands to the session; a malformed one is dropped here, never thrown. */
    private <C extends Command> void hand(String kind, Nick from, ChannelId via, Parse<C> parse,
            Deliver<C> deliver) {
        CoinJoinSession s = session;
        if (s == null) {
            return;
        }
        try {
            List<C> commands = parse.commands().commands();
            if (!commands.isEmpty()) {
                deliver.to(s, from, commands);
            }
        } catch (ProtocolException | RuntimeException e) {
            LOG.debug("dropped {} message from {} via {}: {}", kind, from, via, e.toString());
        }
    }

    /** The session's inbound method for one kind of command. */
    @FunctionalInterface
    private interface Deliver<C extends Command> {
        void to(CoinJoinSession session, Nick from, List<C> commands);
    }

}
