package jm.net.channel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.Objects;
import java.util.Optional;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.wire.Envelope;
import jm.core.wire.Handshake;
import jm.core.wire.MessageType;
import jm.core.wire.PubMsg;
import jm.core.wire.VerifiedPrivMsg;
import jm.net.transport.HandshakeDeadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One direct connection, accepted by our server (inbound, with {@link InboundLimits}) or dialled
 * by us to an expected nick (outbound): the peer HANDSHAKE (inbound: answered with ours, wrong
 * network/app/version: no answer), nothing before it, PING, then PRIVMSG (and, inbound, PUBMSG)
 * to {@link InboundMessages}. The first verified PRIVMSG sender becomes the connection's identity.
 * Confined to the connection's event loop.
 */
final class DirectHandler extends SimpleChannelInboundHandler<Envelope> implements DirectAdmission {
    private static final Logger LOG = LoggerFactory.getLogger(DirectHandler.class);

    private final ChannelId.Direct id;
    private final Nick expected;
    private final InboundLimits limits;
    private final OwnIdentity own;
    private final DirectConnections registry;
    private final HandlerParts parts;
    private Channel channel;
    private volatile boolean handshaked;
    private Nick handshakeNick;
    private Nick identity;

    private DirectHandler(Nick expected, InboundLimits limits, HandlerParts parts) {
        this.id = parts.directs().nextId();
        this.expected = expected;
        this.limits = limits;
        this.own = parts.own();
        this.registry = parts.directs();
        this.parts = parts;
    }

    /** A connection our server accepted. */
    static DirectHandler inbound(InboundLimits limits, HandlerParts parts) {
        return new DirectHandler(null, Objects.requireNonNull(limits), parts);
    }

    /** A connection we dialled to {@code expected}. */
    static DirectHandler outbound(Nick expected, HandlerParts parts) {
        return new DirectHandler(Objects.requireNonNull(expected), null, parts);
    }

    ChannelId.Direct id() {
        return id;
    }

    Channel channel() {
        return channel;
    }

    boolean inbound() {
        return limits != null;
    }

    boolean handshaked() {
        return handshaked;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        registry.opened(this);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Envelope env) {
        if (limits != null && !limits.takeLine()) {
            return; // inbound: every line counts, whatever its type (HANDSHAKE, PING, unknown codes)
        }
        Optional<MessageType> type = env.messageType();
        if (type.isEmpty()) {
            return;
        }
        if (type.get() == MessageType.HANDSHAKE) {
            onHandshake(ctx, env.line());
            return;
        }
        if (!handshaked) {
            return; // messages before the handshake are dropped (11.5)
        }
        switch (type.get()) {
            case PING -> ctx.writeAndFlush(Envelope.of(MessageType.PONG, ""));
            case PRIVMSG -> parts.messages().onPrivate(id, env.line(), this, ctx.channel());
            case PUBMSG -> {
                if (inbound()) {
                    parts.messages().onPublic(id, env.line(), this, ctx.channel());
                }
            }
            default -> {
                // DN_HANDSHAKE from a peer, PEERLIST, etc.: ignored on direct connections
            }
        }
    }

    private void onHandshake(ChannelHandlerContext ctx, String line) {
        Handshake hs;
        try {
            hs = Handshake.parse(line);
            hs.checkPeer(own.config().network());
        } catch (ProtocolException e) {
            LOG.debug("{} unusable peer handshake: {}", id, e.getMessage());
            if (!inbound()) {
                ctx.close();
            }
            return; // inbound: no answer (network mismatch etc.); the deadline closes it
        }
        if (handshakeNick != null) {
            if (!handshakeNick.equals(hs.nick())) {
                ctx.close(); // a later handshake with another nick (11.5)
            }
            return;
        }
        if (!inbound() && !hs.nick().equals(expected)) {
            LOG.debug("{} peer announced {} but we connected to {}", id, hs.nick(), expected);
            ctx.close();
            return;
        }
        Handshake ours = own.handshake();
        if (ours == null) {
            ctx.close(); // still starting: our location is not known yet
            return;
        }
        handshakeNick = hs.nick();
        handshaked = true;
        HandshakeDeadline.markHandshaked(ctx.channel());
        if (inbound()) {
            ctx.writeAndFlush(ours.toEnvelope());
        } else {
            identity = expected;
            registry.dialed(expected, this);
        }
        parts.dispatch().deliver(() -> parts.dispatch().listener().onDirectUp(id, hs));
    }

    /**
     * Direct-server checks for a PUBMSG (inbound only): the sender must be the connection's
     * nick (the verified one once a signed message bound it, else the handshake's), and every
     * {@code orderbook} command of the line counts against the per-connection limit.
     */
    @Override
    public boolean admitPublic(PubMsg msg) {
        Nick nick = identity != null ? identity : handshakeNick;
        if (!msg.from().equals(nick)) {
            return false;
        }
        return limits.admitOrderbooks(MessageBodies.orderbookCount(msg.body()), channel, handshakeNick);
    }

    @Override
    public boolean mayClaim(Nick nick) {
        return identity == null || identity.equals(nick);
    }

    /**
     * Identity checks for a verified PRIVMSG on a direct connection, then (inbound) the
     * per-connection {@code orderbook} limit for every {@code orderbook} command it carries.
     */
    @Override
    public boolean admitPrivate(VerifiedPrivMsg msg) {
        if (identity == null) {
            identity = msg.from(); // first verified sender becomes the connection's identity
            registry.bind(identity, this);
        } else if (!identity.equals(msg.from())) {
            return false;
        }
        return limits == null || limits.admitOrderbooks(
                MessageBodies.orderbookCount(msg.command() + " " + msg.data()), channel, handshakeNick);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        parts.failures().exceptionCaught(ctx, cause);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        HandlerFailures.closeIfIdle(ctx, evt, id + " idle");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        registry.closed(this, identity);
        if (handshaked) {
            parts.dispatch().deliver(() -> parts.dispatch().listener().onDirectDown(id));
        }
        ctx.fireChannelInactive();
    }
}
