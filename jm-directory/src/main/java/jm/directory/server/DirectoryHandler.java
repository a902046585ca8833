package jm.directory.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.wire.Features;
import jm.core.wire.Handshake;
import jm.core.wire.MessageType;
import jm.core.wire.NickAuth;
import jm.core.wire.NotServing;
import jm.directory.config.DirectoryConfig;
import jm.directory.config.NickAuthMode;
import jm.directory.metrics.RejectReason;
import jm.directory.peer.Frames;
import jm.directory.peer.Peer;
import jm.directory.peer.PeerRegistry;
import jm.directory.peer.PeerlistFormat;
import jm.core.limit.TokenBucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's state machine: waits for a client HANDSHAKE, then relays PRIVMSG to its
 * target, broadcasts PUBMSG, streams GETPEERLIST answers, answers PING. Every line first passes
 * the connection's token bucket; repeated violations close the connection and ban the offender.
 * It is its connection's line splitter too (one object and one pipeline entry per connection: every
 * idle peer pays for each): the decoder's cumulation holds only a partial line and is released as
 * soon as none is pending. Nothing thrown by a peer's input escapes: a bad line is dropped or
 * closes this connection only.
 */
public final class DirectoryHandler extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryHandler.class);

    private final DirectoryNode node;
    private final DirectoryConfig config;
    private final long connectedAtMillis;
    /*
     * The per-connection message bucket as two fields (refilled at message_rate_limit up to
     * message_burst_limit, starting full) rather than a bucket object: every idle peer pays ~40
     * bytes more for one. The rarer PUBMSG and !orderbook buckets are objects made on first use.
     */
    private double messageTokens;
    private long messageRefilledNanos;
    private TokenBucket pubmsgs;
    private TokenBucket orderbooks;
    private Peer peer;
    private int violations;
    private boolean closing;
    private ChannelHandlerContext ctx;
    private Iterator<Peer> peerlistCursor;
    /** Accepted, awaiting the JMP-0005 proof (not registered yet); null otherwise. */
    private PendingProof pendingProof;
    private boolean peerlistSentAny;
    /** Bytes of the pending partial line already searched for its end. */
    private int scanned;

    DirectoryHandler(DirectoryNode node) {
        this.node = node;
        this.config = node.config();
        this.connectedAtMillis = node.time().millis();
        this.messageTokens = config.messageBurstLimit();
        this.messageRefilledNanos = node.time().nanos();
    }

    long connectedAtMillis() {
        return connectedAtMillis;
    }

    /** The handshaked peer, or null before the handshake. */
    public Peer peer() {
        return peer;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        node.metrics().connectionAccepted();
        if (node.addressBanned(remoteIp())) {
            node.metrics().rejected(RejectReason.BANNED);
            close();
            return;
        }
        node.pendingAdded(this, ctx.channel().eventLoop());
        super.channelActive(ctx);
    }

    /**
     * Splits lines ({@code \n} or {@code \r\n}, stripped) and handles each at once. A line longer
     * than {@code max_line_length}, complete or not, closes the connection.
     */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (closing) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int eol = in.indexOf(in.readerIndex() + scanned, in.writerIndex(), (byte) '\n');
        int length;
        if (eol < 0) {
            length = in.readableBytes();
            scanned = length;
        } else {
            length = eol - in.readerIndex();
            if (length > 0 && in.getByte(eol - 1) == '\r') {
                length--;
            }
            scanned = 0;
        }
        if (length > config.maxLineLength()) {
            in.skipBytes(in.readableBytes());
            scanned = 0;
            reject(RejectReason.OVERSIZED_LINE);
            LOG.debug("{}: closing on oversized line", who());
            close();
            return;
        }
        if (eol >= 0) {
            ByteBuf frame = in.readRetainedSlice(length);
            in.readerIndex(eol + 1);
            onFrame(frame);
        }
    }

    /** Bytes of a partial line held between reads (0 when idle between messages). */
    int bufferedBytes() {
        return internalBuffer().readableBytes();
    }

    /** Whether a cumulation buffer is held at all (it is released when no partial line is pending). */
    boolean holdsReadBuffer() {
        return internalBuffer() != Unpooled.EMPTY_BUFFER;
    }

    private void onFrame(ByteBuf frame) {
        try {
            if (!closing) {
                onLine(frame);
            }
        } catch (RuntimeException e) {
            // a bug, not peer input we failed to classify: close this connection only
            LOG.warn("{}: closing after unexpected error handling a line: {}", who(), e.toString());
            close();
        } finally {
            frame.release();
        }
    }

    private void onLine(ByteBuf frame) {
        long nowNanos = node.time().nanos();
        if (peer != null) {
            peer.seen(node.time().millis());
        }
        if (!takeMessageToken(nowNanos)) {
            violation(RejectReason.RATE_LIMITED);
            return;
        }
        int len = frame.readableBytes();
        byte[] bytes;
        int off;
        if (frame.hasArray()) {
            bytes = frame.array();
            off = frame.arrayOffset() + frame.readerIndex();
        } else {
            bytes = new byte[len];
            frame.getBytes(frame.readerIndex(), bytes);
            off = 0;
        }
        Frames.Decoded env;
        try {
            env = node.frames().decode(bytes, off, len);
        } catch (ProtocolException e) {
            reject(e.reason() == ProtocolException.Reason.OVERSIZED
                    ? RejectReason.JSON_TOO_DEEP : RejectReason.MALFORMED_ENVELOPE);
            LOG.debug("{}: closing on bad envelope: {}", who(), e.getMessage());
            close();
            return;
        }
        MessageType type = MessageType.forCode(env.type());
        if (type != null && !type.allowedOnWire()) {
            reject(RejectReason.LOCAL_ONLY_TYPE);
            close();
            return;
        }
        if (type == MessageType.DISCONNECT) {
            reject(RejectReason.DISCONNECT_TYPE);
            return;
        }
        if (peer == null) {
            if (pendingProof != null) {
                nickAuthProof(type, env.line());
            } else if (type == MessageType.HANDSHAKE) {
                handshake(env.line());
            } else {
                reject(RejectReason.NOT_HANDSHAKED);
                close();
            }
            return;
        }
        if (type == null) {
            reject(RejectReason.UNEXPECTED_TYPE);
            return;
        }
        switch (type) {
            case PRIVMSG -> privmsg(env.line());
            case PUBMSG -> pubmsg(env.line(), nowNanos);
            case GETPEERLIST -> getPeerlist();
            case PING -> write(node.pongFrame());
            case PONG -> { } // seen() above cleared the pending ping
            case HANDSHAKE -> reject(RejectReason.REPEATED_HANDSHAKE);
            case NICK_AUTH_CHALLENGE, NICK_AUTH_PROOF, NICK_AUTH_RESULT -> {
                reject(RejectReason.NICK_AUTH_FAILED); // out of order (NG closes too)
                close();
            }
            default -> reject(RejectReason.UNEXPECTED_TYPE);
        }
    }

    private void handshake(String line) {
        Handshake h;
        try {
            h = ClientHello.parse(line);
        } catch (ProtocolException e) {
            RejectReason why = ClientHello.rejectReason(e);
            if (why == RejectReason.WRONG_NETWORK) { // e.g. "testnet4": worth telling which one we run
                refuse(why, "Rejected: this directory runs " + config.networkName() + "; " + e.getMessage());
            } else {
                refuseSilently(why, e.getMessage()); // nothing in it can be trusted
            }
            return;
        }
        Optional<ClientHello.Refusal> refusal = ClientHello.check(h, config.networkName(), config.localMode());
        if (refusal.isPresent()) {
            refuse(refusal.get().reason(), "Rejected: " + refusal.get().text());
            return;
        }
        Nick nick = h.nick();
        if (node.nickBanned(nick.value())) {
            refuseSilently(RejectReason.BANNED, "nick banned");
            return;
        }
        Features f = h.features();
        boolean serving = !(h.location() instanceof NotServing);
        Peer p = new Peer(ctx.channel(), nick.value(), h.location().toWire(), serving,
                f.has(Features.PEERLIST_FEATURES), f.has(Features.PING), node.featureField(f), node.time().millis());
        boolean nickAuth = node.advertisesNickAuth() && f.has(Features.NICK_AUTH);
        if (!nickAuth && node.advertisesNickAuth() && node.nickAuthMode() == NickAuthMode.REQUIRE_VERIFIED) {
            refuse(RejectReason.NICK_AUTH_REQUIRED, "Rejected: verified nick authentication required");
            return;
        }
        if (nickAuth) {
            NickAuth.Challenge challenge = NickAuth.Challenge.fresh(node.challengeBytes(), node.directoryId());
            pendingProof = new PendingProof(p, nick, line, challenge);
            write(node.acceptedFrame());
            write(Frames.encode(MessageType.NICK_AUTH_CHALLENGE, challenge.toJson()));
            return;
        }
        PeerRegistry.Admission a = node.registry().register(p);
        switch (a) {
            case ACCEPTED -> {
                peer = p;
                node.pendingRemoved(this);
                node.metrics().handshakeAccepted();
                peer.writability(ctx.channel().isWritable(), node.time().millis());
                write(node.acceptedFrame());
                LOG.debug("{} handshaked from {} ({})", nick, h.location().toWire(), p.featureField());
            }
            case NICK_TAKEN -> refuse(RejectReason.NICK_TAKEN, "Rejected: nick " + nick + " is already connected");
            case FULL -> refuse(RejectReason.DIRECTORY_FULL, "Rejected: directory is full");
        }
    }

    /**
     * The client's answer to our challenge (JMP-0005). A valid proof registers the peer as the
     * verified owner of its nick, replacing a stale holder (closed, not announced as departed:
     * the nick stays); anything else is answered with a failure code and the connection closed.
     */
    private void nickAuthProof(MessageType type, String line) {
        PendingProof pending = pendingProof;
        pendingProof = null;
        Peer p = pending.peer();
        NickAuth.Proof proof;
        try {
            if (type != MessageType.NICK_AUTH_PROOF) {
                throw new ProtocolException(ProtocolException.Reason.INVALID, "nick_auth", "expected a proof");
            }
            proof = NickAuth.Proof.parse(line);
        } catch (ProtocolException e) {
            nickAuthFailed(NickAuth.Code.MALFORMED, e.getMessage());
            return;
        }
        if (!proof.verifies(pending.challenge(), pending.handshakeLine(), pending.nick())) {
            nickAuthFailed(NickAuth.Code.INVALID, "proof does not verify");
            return;
        }
        p.markVerified(proof.pubKeyHex());
        PeerRegistry.Registration r = node.registry().registerVerified(p);
        if (r.admission() != PeerRegistry.Admission.ACCEPTED) {
            nickAuthFailed(NickAuth.Code.POLICY, r.admission().name());
            return;
        }
        if (r.displaced() != null) {
            LOG.info("{} proved its nick: replacing its stale connection", p.nick());
            r.displaced().channel().close();
        }
        peer = p;
        node.pendingRemoved(this);
        node.metrics().handshakeAccepted();
        peer.writability(ctx.channel().isWritable(), node.time().millis());
        write(Frames.encode(MessageType.NICK_AUTH_RESULT, new NickAuth.Result(NickAuth.Code.OK).toJson()));
        LOG.debug("{} handshaked with a verified nick from {} ({})", p.nick(), p.location(), p.featureField());
    }

    /** What checks the JMP-0005 proof: the accepted peer, its nick and HANDSHAKE line, our challenge. */
    private record PendingProof(Peer peer, Nick nick, String handshakeLine, NickAuth.Challenge challenge) {
    }

    /** Takes one token from the connection's message bucket; false when it is empty. */
    private boolean takeMessageToken(long nowNanos) {
        long elapsed = nowNanos - messageRefilledNanos;
        if (elapsed > 0) {
            messageTokens = Math.min(config.messageBurstLimit(),
                    messageTokens + elapsed * (config.messageRateLimit() / 1e9));
            messageRefilledNanos = nowNanos;
        }
        if (messageTokens < 1) {
            return false;
        }
        messageTokens--;
        return true;
    }

    private void nickAuthFailed(NickAuth.Code code, String detail) {
        node.metrics().handshakeRejected();
        reject(RejectReason.NICK_AUTH_FAILED);
        LOG.debug("{}: nick authentication failed ({}): {}", who(), code.wire(), detail);
        closing = true;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(Frames.encode(MessageType.NICK_AUTH_RESULT,
                new NickAuth.Result(code).toJson()))).addListener(ChannelFutureListener.CLOSE);
    }

    /** Close without an answer: for a handshake that does not parse (NG closes on those too). */
    private void refuseSilently(RejectReason why, String detail) {
        node.metrics().handshakeRejected();
        reject(why);
        LOG.debug("{}: handshake refused ({}): {}", who(), why.label(), detail);
        close();
    }

    /**
     * Answer {@code accepted:false} with a reason in the motd and the directory's own network,
     * then close; logged at INFO so an operator sees why a peer could not join.
     */
    private void refuse(RejectReason why, String motd) {
        node.metrics().handshakeRejected();
        reject(why);
        LOG.info("{}: handshake refused ({}): {}", who(), why.label(), motd);
        closing = true;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(node.dnHandshakeFrame(false, motd)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void privmsg(String line) {
        int b1 = line.indexOf('!');
        if (b1 <= 0) {
            reject(RejectReason.MALFORMED_MESSAGE);
            return;
        }
        if (!line.regionMatches(0, peer.nick(), 0, b1) || b1 != peer.nick().length()) {
            reject(RejectReason.SPOOFED_NICK);
            return;
        }
        int b2 = line.indexOf('!', b1 + 1);
        if (b2 < 0 || b2 == line.length() - 1) {
            reject(RejectReason.MALFORMED_MESSAGE);
            return;
        }
        String to = line.substring(b1 + 1, b2);
        if (!Nick.isWellFormed(to)) {
            reject(RejectReason.MALFORMED_MESSAGE);
            return;
        }
        node.relayPrivmsg(peer, line, to);
    }

    private void pubmsg(String line, long nowNanos) {
        int b1 = line.indexOf('!');
        if (b1 <= 0) {
            reject(RejectReason.MALFORMED_MESSAGE);
            return;
        }
        if (b1 != peer.nick().length() || !line.regionMatches(0, peer.nick(), 0, b1)) {
            reject(RejectReason.SPOOFED_NICK);
            return;
        }
        if (!line.startsWith("PUBLIC!", b1 + 1)) {
            reject(RejectReason.MALFORMED_MESSAGE);
            return;
        }
        int body = b1 + 1 + "PUBLIC".length();
        int orderbooks = countOrderbook(line, body);
        if (orderbooks > 1) {
            reject(RejectReason.DUPLICATE_ORDERBOOK);
            return;
        }
        if (pubmsgs == null) {
            pubmsgs = new TokenBucket(config.pubmsgRateLimit(), config.pubmsgBurstLimit(), nowNanos);
        }
        if (!pubmsgs.tryTake(nowNanos)) {
            violation(RejectReason.PUBMSG_RATE_LIMITED);
            return;
        }
        if (orderbooks == 1) {
            if (this.orderbooks == null) {
                long intervalNanos = Math.max(1, config.orderbookInterval().toNanos());
                this.orderbooks = new TokenBucket(1e9 / intervalNanos, config.orderbookBurst(), nowNanos);
            }
            if (!this.orderbooks.tryTake(nowNanos)) {
                violation(RejectReason.ORDERBOOK_RATE_LIMITED);
                return;
            }
        }
        byte[] frame = Frames.encode(MessageType.PUBMSG, line);
        if (frame.length - 2 > Frames.MAX_SEND_LINE_BYTES) {
            reject(RejectReason.RELAY_TOO_LONG);
            return;
        }
        if (!node.takeBroadcastBudget(node.registry().size())) {
            reject(RejectReason.BROADCAST_BUDGET);
            return;
        }
        node.broadcast(frame, peer, true);
    }

    /** Counts commands named {@code orderbook} in {@code !cmd args!cmd args...} starting at {@code from}. */
    static int countOrderbook(String line, int from) {
        int count = 0;
        int i = line.indexOf('!', from);
        while (i >= 0) {
            int start = i + 1;
            int next = line.indexOf('!', start);
            int end = next < 0 ? line.length() : next;
            int space = line.indexOf(' ', start);
            int cmdEnd = space >= 0 && space < end ? space : end;
            if (cmdEnd - start == 9 && line.startsWith("orderbook", start)) {
                count++;
            }
            i = next;
        }
        return count;
    }

    private void getPeerlist() {
        if (peerlistCursor != null) {
            reject(RejectReason.PEERLIST_BUSY);
            return;
        }
        node.metrics().peerlistRequested();
        peerlistCursor = node.registry().all().iterator();
        peerlistSentAny = false;
        sendPeerlistChunk();
    }

    private void sendPeerlistChunk() {
        Channel ch = ctx.channel();
        if (peerlistCursor == null || !ch.isActive()) {
            peerlistCursor = null;
            return;
        }
        long delay = Math.max(1, config.peerlistChunkDelay().toMillis());
        if (!ch.isWritable()) {
            ctx.executor().schedule(this::sendPeerlistChunk, delay, TimeUnit.MILLISECONDS);
            return;
        }
        List<String> entries = new ArrayList<>(config.peerlistChunkSize());
        boolean withFeatures = peer.peerlistFeatures();
        while (entries.size() < config.peerlistChunkSize() && peerlistCursor.hasNext()) {
            Peer p = peerlistCursor.next();
            if (p != peer && p.channel().isActive()) {
                entries.add(p.entry(withFeatures));
            }
        }
        if (!entries.isEmpty() || !peerlistSentAny) {
            write(Frames.encode(MessageType.PEERLIST, PeerlistFormat.join(entries)));
            peerlistSentAny = true;
        }
        if (!peerlistCursor.hasNext()) {
            peerlistCursor = null;
            return;
        }
        if (config.peerlistChunkDelay().isZero()) {
            ctx.executor().execute(this::sendPeerlistChunk);
        } else {
            ctx.executor().schedule(this::sendPeerlistChunk, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void write(byte[] frame) {
        Channel ch = ctx.channel();
        ch.writeAndFlush(Unpooled.wrappedBuffer(frame), ch.voidPromise());
    }

    private void reject(RejectReason why) {
        node.metrics().rejected(why);
    }

    /** A dropped message that counts toward the disconnect-and-ban threshold. */
    private void violation(RejectReason why) {
        reject(why);
        violations++;
        int threshold = config.rateLimitDisconnectThreshold();
        if (threshold > 0 && violations >= threshold && !closing) {
            node.ban(peer == null ? null : peer.nick(), remoteIp(), loopback(), why);
            close();
        }
    }

    private void close() {
        closing = true;
        if (ctx != null) {
            ctx.close();
        }
    }

    void closeForTimeout() {
        ChannelHandlerContext c = ctx;
        if (c != null) {
            c.executor().execute(() -> {
                if (peer == null) {
                    LOG.debug("{}: no handshake within {} s", who(), config.handshakeTimeout().toSeconds());
                    close();
                }
            });
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (peer != null) {
            peer.writability(ctx.channel().isWritable(), node.time().millis());
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        node.pendingRemoved(this);
        peerlistCursor = null;
        if (peer != null) {
            node.departed(peer);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("{}: connection error: {}", who(), cause.toString());
        } else {
            LOG.warn("{}: closing after pipeline error: {}", who(), cause.toString());
        }
        close();
    }

    private String who() {
        return peer != null ? peer.nick() : "connection from " + remoteIp();
    }

    /*
     * The remote address is read from the channel (which keeps it anyway) when needed, not copied
     * into a String per connection: tens of thousands of idle peers each pay for every field here.
     */

    /** The peer's IP address text, or null for a channel without an IP address (embedded, local). */
    private String remoteIp() {
        InetAddress a = remoteInetAddress();
        return a == null ? null : a.getHostAddress();
    }

    /** Whether the peer connects from loopback (true for channels without an IP address). */
    private boolean loopback() {
        InetAddress a = remoteInetAddress();
        return a == null || a.isLoopbackAddress();
    }

    private InetAddress remoteInetAddress() {
        SocketAddress addr = ctx == null ? null : ctx.channel().remoteAddress();
        return addr instanceof InetSocketAddress isa ? isa.getAddress() : null;
    }
}
