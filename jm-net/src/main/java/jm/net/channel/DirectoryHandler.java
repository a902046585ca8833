package jm.net.channel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.List;
import java.util.Optional;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.wire.DirectoryHandshake;
import jm.core.wire.Envelope;
import jm.core.wire.Features;
import jm.core.wire.Handshake;
import jm.core.wire.MessageType;
import jm.core.wire.NickAuth;
import jm.core.wire.Peerlist;
import jm.core.wire.PeerlistEntry;
import jm.net.transport.Endpoint;
import jm.net.transport.HandshakeDeadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One directory connection: the directory's handshake (DN_HANDSHAKE, or NG's 793 format), the
 * JMP-0005 nick-auth exchange when both sides advertise it, then PING, PEERLIST into the
 * {@link PeerTable} and PUBMSG/PRIVMSG to {@link InboundMessages}. Link bookkeeping (up, down,
 * refused) is {@link DirectoryLinks}'. Confined to the connection's event loop.
 */
final class DirectoryHandler extends SimpleChannelInboundHandler<Envelope> {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryHandler.class);

    private final String id;
    /** The id an onion directory must sign for (JMP-0005); null for test endpoints (plain TCP). */
    private final String expectedDirectoryId;
    private final OwnIdentity own;
    private final DirectoryLinks links;
    private final PeerTable peers;
    private final HandlerParts parts;
    private boolean up;
    /** The directory accepted us and both sides advertised nick_auth: the 803/805/807 exchange runs. */
    private DirectoryHandshake awaitingNickAuth;
    private boolean proofSent;

    DirectoryHandler(String id, DirectoryLinks links, PeerTable peers, HandlerParts parts) {
        this.id = id;
        this.own = parts.own();
        this.links = links;
        this.peers = peers;
        this.parts = parts;
        String expected = null;
        try {
            Endpoint e = Endpoint.parse(id);
            if (NickAuth.isOnionHost(e.host())) {
                expected = NickAuth.directoryIdFor(e.host(), e.port());
            }
        } catch (ProtocolException e) {
            // not host:port: no expected id
        }
        this.expectedDirectoryId = expected;
    }

    /** The reason a directory gave, without NG's {@code Rejected: } prefix and version footer. */
    static String refusalText(String motd) {
        String t = motd.strip();
        if (t.startsWith("Rejected:")) {
            t = t.substring("Rejected:".length()).strip();
        }
        int nl = t.indexOf('\n');
        if (nl >= 0) {
            t = t.substring(0, nl).strip();
        }
        return t.isEmpty() ? "no reason given" : t;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Envelope env) {
        Optional<MessageType> type = env.messageType();
        if (type.isEmpty()) {
            return; // unknown codes are ignored
        }
        if (!up) {
            if (awaitingNickAuth != null) {
                onNickAuth(ctx, type.get(), env.line());
                return;
            }
            if (type.get() == MessageType.DN_HANDSHAKE) {
                onDirectoryHandshake(ctx, env.line());
            } else if (type.get() == MessageType.HANDSHAKE) {
                onDirectoryClientFormatHandshake(ctx, env.line());
            }
            return; // nothing else counts before the directory's handshake
        }
        switch (type.get()) {
            case PING -> ctx.writeAndFlush(Envelope.of(MessageType.PONG, ""));
            case PEERLIST -> onPeerlist(env.line());
            case PUBMSG -> parts.messages().onPublic(new ChannelId.Directory(id), env.line(), null, ctx.channel());
            case PRIVMSG -> parts.messages().onPrivate(new ChannelId.Directory(id), env.line(), null, ctx.channel());
            default -> {
                // PONG, DISCONNECT, nick-auth, HANDSHAKE repeats: ignored
            }
        }
    }

    private void onPeerlist(String line) {
        List<PeerlistEntry> entries = Peerlist.parseValidEntries(line);
        for (PeerlistEntry e : entries) {
            if (!e.nick().equals(own.nick())) {
                boolean wasPresent = peers.get(e.nick()).map(v -> !v.presentOn().isEmpty()).orElse(false);
                peers.apply(id, e);
                if (e.disconnected() && wasPresent && parts.directs().to(e.nick()).isEmpty()
                        && peers.get(e.nick()).map(v -> v.presentOn().isEmpty()).orElse(true)) {
                    Nick gone = e.nick();
                    parts.dispatch().deliver(() -> parts.dispatch().listener().onPeerDeparted(gone));
                }
            }
        }
        parts.dispatch().deliver(() -> parts.dispatch().listener().onPeerlist(id, entries));
    }

    private void refused(ChannelHandlerContext ctx, String reason) {
        links.refused(id, reason);
        ctx.close();
    }

    /** Whether the directory runs our network; refused otherwise. */
    private boolean sameNetwork(ChannelHandlerContext ctx, String network) {
        if (!network.equals(own.config().network())) {
            refused(ctx, "runs " + network + ", we announce " + own.config().network());
            return false;
        }
        return true;
    }

    /**
     * NG clients also accept a directory answering in the 793 format (2.2): usable when it
     * says {@code directory: true}, app joinmarket, version 5 and our network.
     */
    private void onDirectoryClientFormatHandshake(ChannelHandlerContext ctx, String line) {
        Handshake h;
        try {
            h = Handshake.parse(line);
        } catch (ProtocolException e) {
            refused(ctx, "sent a handshake we cannot read: " + e.getMessage());
            return;
        }
        if (!sameNetwork(ctx, h.network())) {
            return;
        }
        if (!h.directory() || !Handshake.APP_NAME.equalsIgnoreCase(h.appName())
                || h.protoVer() != Handshake.PROTOCOL_VERSION) {
            refused(ctx, "sent a handshake we cannot use (not a JoinMarket directory of protocol "
                    + Handshake.PROTOCOL_VERSION + ")");
            return;
        }
        directoryUp(ctx, DirectoryHandshake.of(h.nick(), h.network(), h.features(), true, ""));
    }

    private void onDirectoryHandshake(ChannelHandlerContext ctx, String line) {
        DirectoryHandshake hs;
        try {
            hs = DirectoryHandshake.parse(line);
        } catch (ProtocolException e) {
            refused(ctx, "sent a handshake we cannot read: " + e.getMessage());
            return;
        }
        if (!sameNetwork(ctx, hs.network())) {
            return;
        }
        try {
            hs.checkAsClient(own.config().network());
        } catch (ProtocolException e) {
            refused(ctx, hs.accepted() ? "sent a handshake we cannot use: " + e.getMessage()
                    : "refused us: " + refusalText(hs.motd()));
            return;
        }
        if (own.config().features().has(Features.NICK_AUTH) && hs.features().has(Features.NICK_AUTH)) {
            awaitingNickAuth = hs; // up only once the directory verified our proof (JMP-0005, 1.9)
            return;
        }
        directoryUp(ctx, hs);
    }

    /**
     * JMP-0005 client side: sign the directory's challenge (for an onion directory only if it
     * names the id of the endpoint we dialled, so no directory can relay another's challenge)
     * and count the directory as up on {@code ok}. The connection's handshake deadline bounds
     * the exchange.
     */
    private void onNickAuth(ChannelHandlerContext ctx, MessageType type, String line) {
        try {
            if (type == MessageType.NICK_AUTH_CHALLENGE && !proofSent) {
                NickAuth.Challenge c = NickAuth.Challenge.parse(line);
                if (expectedDirectoryId != null && !c.directoryId().equals(expectedDirectoryId)) {
                    LOG.info("directory {} sent a nick-auth challenge for directory id {}, expected {}: closing",
                            id, c.directoryId(), expectedDirectoryId);
                    ctx.close();
                    return;
                }
                proofSent = true;
                ctx.writeAndFlush(Envelope.of(MessageType.NICK_AUTH_PROOF,
                        NickAuth.Proof.create(own.key(), c, own.handshake().toLineJson()).toJson()));
            } else if (type == MessageType.NICK_AUTH_RESULT && proofSent) {
                NickAuth.Result r = NickAuth.Result.parse(line);
                if (!r.verified()) {
                    LOG.info("directory {} did not verify our nick ({}): closing", id, r.code().wire());
                    ctx.close();
                    return;
                }
                DirectoryHandshake hs = awaitingNickAuth;
                awaitingNickAuth = null;
                LOG.debug("{} nick verified by directory {}", own.nick(), id);
                directoryUp(ctx, hs);
            } else if (type == MessageType.NICK_AUTH_CHALLENGE || type == MessageType.NICK_AUTH_RESULT
                    || type == MessageType.DN_HANDSHAKE || type == MessageType.HANDSHAKE) {
                LOG.info("directory {} sent {} out of order during nick authentication: closing", id, type);
                ctx.close();
            }
        } catch (ProtocolException e) {
            LOG.info("directory {} sent a malformed nick-auth message ({}): closing", id, e.getMessage());
            ctx.close();
        }
    }

    private void directoryUp(ChannelHandlerContext ctx, DirectoryHandshake hs) {
        up = true;
        HandshakeDeadline.markHandshaked(ctx.channel());
        links.up(id, ctx.channel(), hs);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        parts.failures().exceptionCaught(ctx, cause);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        HandlerFailures.closeIfIdle(ctx, evt, "directory " + id + " silent too long, reconnecting");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (up) {
            up = false;
            peers.directoryLost(id);
            links.down(id, ctx.channel());
        } else {
            links.closedUnanswered(id);
        }
        ctx.fireChannelInactive();
    }
}
