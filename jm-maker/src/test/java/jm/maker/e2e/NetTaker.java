package jm.maker.e2e;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jm.core.Nick;
import jm.core.crypto.NickKey;
import jm.core.wire.Handshake;
import jm.core.wire.PeerlistEntry;
import jm.core.wire.VerifiedPrivMsg;
import jm.net.channel.ChannelId;
import jm.net.channel.MessageChannelConfig;
import jm.net.channel.MessageListener;
import jm.net.channel.OnionMessageChannel;
import jm.net.transport.NetRuntime;

/** A scripted taker's transport: the real onion message channel, with received messages queued. */
final class NetTaker implements AutoCloseable {
    record Received(ChannelId via, VerifiedPrivMsg msg) {
    }

    final NickKey key = NickKey.random(new SecureRandom());
    final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    /** Peer-list entries received from directories, in order. */
    final BlockingQueue<PeerlistEntry> peerlist = new LinkedBlockingQueue<>();
    /** Handshakes of peers we connected to directly. */
    final BlockingQueue<Handshake> directHandshakes = new LinkedBlockingQueue<>();
    final ExecutorService executor = Executors.newSingleThreadExecutor();
    final OnionMessageChannel channel;

    NetTaker(MessageChannelConfig config, NetRuntime runtime) {
        channel = OnionMessageChannel.builder(config, key, runtime, executor, new MessageListener() {
            @Override
            public void onPrivate(ChannelId via, VerifiedPrivMsg message) {
                inbox.add(new Received(via, message));
            }

            @Override
            public void onPeerlist(String directory, List<PeerlistEntry> entries) {
                peerlist.addAll(entries);
            }

            @Override
            public void onDirectUp(ChannelId.Direct via, Handshake peerHandshake) {
                directHandshakes.add(peerHandshake);
            }
        }).build();
    }

    Nick nick() {
        return key.nick();
    }

    void start() throws Exception {
        channel.start().get(20, TimeUnit.SECONDS);
        channel.awaitDirectory().get(20, TimeUnit.SECONDS);
    }

    /** The first peer-list entry for {@code nick} (asking the directories for their lists). */
    PeerlistEntry awaitPeerlistEntry(Nick nick, Duration timeout) throws InterruptedException {
        channel.requestPeerlist();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            PeerlistEntry e = peerlist.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no peer-list entry for " + nick + " within " + timeout);
            }
            if (e.nick().equals(nick) && !e.disconnected()) {
                return e;
            }
        }
    }

    /** The next private message with {@code command} from {@code from}, waiting up to {@code timeout}. */
    Received await(Nick from, String command, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no !" + command + " from " + from + " within " + timeout);
            }
            Received r = inbox.poll(left, TimeUnit.NANOSECONDS);
            if (r != null && r.msg().from().equals(from) && r.msg().command().equals(command)) {
                return r;
            }
        }
    }

    /** {@code n} distinct messages with {@code command} from {@code from}. */
    List<Received> awaitDistinct(Nick from, String command, int n, Duration timeout) throws InterruptedException {
        List<Received> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < n) {
            Received r = await(from, command, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (!seen.contains(r.msg().data())) {
                seen.add(r.msg().data());
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        channel.stop().get(20, TimeUnit.SECONDS);
        executor.shutdownNow();
    }
}
