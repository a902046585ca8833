package jm.net.testing;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.crypto.NickKey;
import jm.core.wire.DirectoryHandshake;
import jm.core.wire.Envelope;
import jm.core.wire.Features;
import jm.core.wire.Handshake;
import jm.core.wire.Location;
import jm.core.wire.MessageType;
import jm.core.wire.NickAuth;
import jm.core.wire.Peerlist;
import jm.core.wire.PeerlistEntry;
import jm.core.wire.PubMsg;
import jm.core.wire.RawPrivMsg;
import jm.net.transport.Endpoint;
import jm.net.transport.JmServer;
import jm.net.transport.NetRuntime;
import jm.net.transport.TransportLimits;

/**
 * A minimal directory for tests (the real one lives in jm-directory): answers HANDSHAKE with a
 * DN_HANDSHAKE, relays PUBMSG to everyone else and PRIVMSG to its target (followed by a PEERLIST
 * with the sender's location), answers GETPEERLIST, and records everything it receives.
 */
public final class FakeDirectory implements AutoCloseable {
    private final JmServer server;
    private final String network;
    private final boolean accept;
    private final Features features;
    private final Nick nick = NickKey.random(new java.security.SecureRandom()).nick();
    private final Map<Nick, Channel> peers = new ConcurrentHashMap<>();
    private final Map<Nick, Handshake> handshakes = new ConcurrentHashMap<>();
    private final BlockingQueue<Envelope> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<Channel> closed = new LinkedBlockingQueue<>();

    private FakeDirectory(NetRuntime runtime, String network, boolean accept, Features features) throws Exception {
        this.network = network;
        this.accept = accept;
        this.features = features;
        this.server = JmServer.bind(runtime, new InetSocketAddress("127.0.0.1", 0), TransportLimits.defaults(),
                a -> true, ch -> ch.pipeline().addLast(new Handler())).get(5, TimeUnit.SECONDS);
    }

    public static FakeDirectory start(NetRuntime runtime, String network) throws Exception {
        return new FakeDirectory(runtime, network, true, Features.of(Features.PING, Features.PEERLIST_FEATURES));
    }

    public static FakeDirectory start(NetRuntime runtime, String network, boolean accept, Features features)
            throws Exception {
        return new FakeDirectory(runtime, network, accept, features);
    }

    /**
     * A directory like an NG 0.37 directory configured with a directory id: advertises
     * {@code nick_auth}, runs the 803/805/807 exchange with clients that advertise it, refuses a
     * nick held by a live connection ("nick already registered") unless the newcomer proves it
     * owns the nick, in which case the old connection is closed; with {@code requireVerified}
     * refuses clients that do not take the exchange.
     */
    public static FakeDirectory startWithNickAuth(NetRuntime runtime, String network, boolean requireVerified)
            throws Exception {
        FakeDirectory d = new FakeDirectory(runtime, network, true,
                Features.of(Features.PING, Features.PEERLIST_FEATURES, Features.NICK_AUTH));
        d.nickAuth = true;
        d.requireVerified = requireVerified;
        return d;
    }

    private volatile boolean nickAuth;
    private volatile boolean requireVerified;
    private final BlockingQueue<String> nickAuthResults = new LinkedBlockingQueue<>();

    /** The directory id this directory signs challenges for. */
    public String directoryId() {
        return "127.0.0.1:" + server.localAddress().getPort();
    }

    /** Outcomes of nick-auth exchanges ({@code ok}, {@code invalid}, ...), in order. */
    public BlockingQueue<String> nickAuthResults() {
        return nickAuthResults;
    }

    public Endpoint endpoint() {
        return new Endpoint("127.0.0.1", server.localAddress().getPort());
    }

    public Nick nick() {
        return nick;
    }

    public BlockingQueue<Envelope> received() {
        return received;
    }

    public BlockingQueue<Channel> closed() {
        return closed;
    }

    /** Sends an envelope to a connected nick. */
    public void sendTo(Nick to, Envelope e) {
        Channel ch = peers.get(to);
        if (ch == null) {
            throw new IllegalStateException(to + " not connected");
        }
        ch.writeAndFlush(e);
    }

    /** Writes raw text (not an envelope) to a connected nick. */
    public void sendRaw(Nick to, String text) {
        Channel ch = peers.get(to);
        if (ch == null) {
            throw new IllegalStateException(to + " not connected");
        }
        ch.writeAndFlush(io.netty.buffer.Unpooled.copiedBuffer(text, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Closes every peer connection (the directory "restarts" without closing its listener). */
    public void dropAll() {
        peers.values().forEach(Channel::close);
    }

    private final List<Runnable> heldAnswers = new ArrayList<>();
    private boolean holding;

    /** From now on, handshake answers wait until {@link #releaseHandshakes()} (a slow directory). */
    public synchronized void holdHandshakes() {
        holding = true;
    }

    /** Sends the held handshake answers and stops holding. */
    public void releaseHandshakes() {
        List<Runnable> answers;
        synchronized (this) {
            holding = false;
            answers = new ArrayList<>(heldAnswers);
            heldAnswers.clear();
        }
        answers.forEach(Runnable::run);
    }

    private void answerHandshake(Runnable answer) {
        synchronized (this) {
            if (holding) {
                heldAnswers.add(answer);
                return;
            }
        }
        answer.run();
    }

    public boolean isConnected(Nick n) {
        return peers.containsKey(n);
    }

    /** Waits for an envelope of the given type. */
    public Envelope await(MessageType type) throws InterruptedException {
        while (true) {
            Envelope e = received.poll(10, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("no " + type + " received");
            }
            if (e.type() == type.code()) {
                return e;
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private final class Handler extends SimpleChannelInboundHandler<Envelope> {
        private Nick peer;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Envelope env) throws ProtocolException {
            received.add(env);
            MessageType t = env.messageType().orElse(null);
            if (t == null) {
                return;
            }
            switch (t) {
                case HANDSHAKE -> {
                    Handshake hs = Handshake.parse(env.line());
                    if (nickAuth) {
                        nickAuthHandshake(ctx, hs, env.line());
                        return;
                    }
                    boolean ok = accept && hs.network().equals(network);
                    answerHandshake(() -> {
                        if (ok) {
                            peer = hs.nick();
                            peers.put(peer, ctx.channel());
                            handshakes.put(peer, hs);
                        }
                        ctx.writeAndFlush(DirectoryHandshake.of(nick, network, features, ok, "fake directory")
                                .toEnvelope());
                    });
                }
                case NICK_AUTH_PROOF -> nickAuthProof(ctx, env.line());
                case GETPEERLIST -> {
                    List<PeerlistEntry> entries = new ArrayList<>();
                    handshakes.forEach((n, hs) -> {
                        if (!n.equals(peer)) {
                            entries.add(PeerlistEntry.available(n, hs.location(), hs.features()));
                        }
                    });
                    ctx.writeAndFlush(Envelope.of(MessageType.PEERLIST, Peerlist.format(entries, true)));
                }
                case PUBMSG -> peers.forEach((n, ch) -> {
                    if (!n.equals(peer)) {
                        ch.writeAndFlush(env);
                    }
                });
                case PRIVMSG -> {
                    RawPrivMsg m = RawPrivMsg.parse(env.line());
                    Channel target = peers.get(m.to());
                    if (target != null) {
                        target.writeAndFlush(env);
                        Location loc = handshakes.get(peer).location();
                        target.writeAndFlush(Envelope.of(MessageType.PEERLIST,
                                Peerlist.format(List.of(PeerlistEntry.available(peer, loc, Features.NONE)), false)));
                    }
                }
                default -> {
                }
            }
        }

        private Handshake pendingHandshake;
        private String pendingLine;
        private NickAuth.Challenge challenge;

        private void nickAuthHandshake(ChannelHandlerContext ctx, Handshake hs, String line) {
            boolean negotiated = hs.features().has(Features.NICK_AUTH);
            Channel holder = peers.get(hs.nick());
            String refusal = !hs.network().equals(network) ? "Rejected: wrong network"
                    : requireVerified && !negotiated ? "Rejected: verified nick authentication required"
                    : !negotiated && holder != null && holder.isActive() ? "Rejected: nick already registered"
                    : null;
            if (refusal != null) {
                ctx.writeAndFlush(DirectoryHandshake.of(nick, network, features, false, refusal).toEnvelope());
                return;
            }
            ctx.writeAndFlush(DirectoryHandshake.of(nick, network, features, true, "fake directory").toEnvelope());
            if (!negotiated) {
                register(ctx, hs);
                return;
            }
            pendingHandshake = hs;
            pendingLine = line;
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            challenge = NickAuth.Challenge.fresh(random, directoryId());
            ctx.writeAndFlush(Envelope.of(MessageType.NICK_AUTH_CHALLENGE, challenge.toJson()));
        }

        private void nickAuthProof(ChannelHandlerContext ctx, String line) {
            if (pendingHandshake == null) {
                ctx.close(); // out of order
                return;
            }
            Handshake hs = pendingHandshake;
            pendingHandshake = null;
            NickAuth.Code code;
            try {
                code = NickAuth.Proof.parse(line).verifies(challenge, pendingLine, hs.nick()) ? NickAuth.Code.OK
                        : NickAuth.Code.INVALID;
            } catch (ProtocolException e) {
                code = NickAuth.Code.MALFORMED;
            }
            nickAuthResults.add(code.wire());
            ctx.writeAndFlush(Envelope.of(MessageType.NICK_AUTH_RESULT, new NickAuth.Result(code).toJson()));
            if (code != NickAuth.Code.OK) {
                ctx.close();
                return;
            }
            Channel stale = peers.get(hs.nick());
            register(ctx, hs);
            if (stale != null && stale != ctx.channel()) {
                stale.close(); // a verified owner replaces the stale holder of its nick
            }
        }

        private void register(ChannelHandlerContext ctx, Handshake hs) {
            peer = hs.nick();
            peers.put(peer, ctx.channel());
            handshakes.put(peer, hs);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed.add(ctx.channel());
            if (peer != null && peers.get(peer) != ctx.channel()) {
                return; // replaced by a verified reconnect: the nick is still here
            }
            if (peer != null) {
                peers.remove(peer, ctx.channel());
                Handshake hs = handshakes.remove(peer);
                Location loc = hs.location();
                String line = Peerlist.format(List.of(PeerlistEntry.gone(peer, loc)), false);
                peers.values().forEach(ch -> ch.writeAndFlush(Envelope.of(MessageType.PEERLIST, line)));
            }
        }
    }

    /** A PUBMSG line from a nick. */
    public static Envelope pub(Nick from, String body) {
        return new PubMsg(from, body).toEnvelope();
    }
}
