package jm.maker.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jm.core.Nick;
import jm.core.crypto.NickKey;
import jm.core.wire.Envelope;
import jm.core.wire.Features;
import jm.core.wire.Handshake;
import jm.core.wire.NotServing;
import jm.core.wire.PubMsg;
import jm.core.wire.RawPrivMsg;
import jm.net.channel.MessageChannelConfig;
import jm.net.channel.MessageListener;
import jm.net.channel.OnionMessageChannel;
import jm.net.transport.NetRuntime;

/**
 * A flood against one maker, until closed: {@code directSockets} connections to its direct server
 * and {@code relayedNicks} clients of the directory, each a different nick, all sending
 * {@code !orderbook} (public, private, and hidden behind another command) and {@code !fill}s with
 * random, well-formed but unusable commitments, each flooder at {@code perFlooderRate} messages
 * per second. Private messages are signed, so the maker pays a signature check for each.
 */
final class Flood implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final ExecutorService pool;
    private final List<Future<?>> jobs = new ArrayList<>();
    private final List<Socket> sockets = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<OnionMessageChannel> clients = new ArrayList<>();
    private final ExecutorService clientListener = Executors.newSingleThreadExecutor();
    /** The flooding clients' own event loop: they are other processes, not part of the maker's. */
    private final NetRuntime runtime = NetRuntime.create(1, "flood");

    private Flood(int threads) {
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "flood");
            t.setDaemon(true);
            return t;
        });
    }

    static Flood start(Nick maker, InetSocketAddress makerServer, int directSockets, MessageChannelConfig directory,
            int relayedNicks, double perFlooderRate) throws Exception {
        Flood f = new Flood(4);
        for (int i = 0; i < relayedNicks; i++) {
            OnionMessageChannel c = OnionMessageChannel.builder(directory, NickKey.random(RANDOM), f.runtime,
                    f.clientListener, new MessageListener() { }).build();
            c.start().get(20, TimeUnit.SECONDS);
            c.awaitDirectory().get(20, TimeUnit.SECONDS);
            f.clients.add(c);
        }
        long periodNanos = (long) (1e9 / perFlooderRate);
        for (int t = 0; t < 4; t++) {
            int worker = t;
            f.jobs.add(f.pool.submit(() -> {
                f.run(worker, maker, makerServer, directSockets, periodNanos);
                return null;
            }));
        }
        return f;
    }

    /** One worker: its share of the direct sockets and of the directory clients, paced. */
    private void run(int worker, Nick maker, InetSocketAddress server, int directSockets, long periodNanos)
            throws InterruptedException {
        List<Socket> mine = new ArrayList<>();
        List<List<Envelope>> lines = new ArrayList<>();
        for (int i = worker; i < directSockets && !stop.get(); i += 4) {
            try {
                Socket s = new Socket();
                s.connect(server, 2_000);
                NickKey k = NickKey.random(RANDOM);
                write(s, Handshake.client(k.nick(), NotServing.INSTANCE, "regtest", Features.NONE).toEnvelope());
                sockets.add(s);
                mine.add(s);
                // signed once here, so that the generator does not eat the CPU the maker needs
                lines.add(List.of(new PubMsg(k.nick(), "orderbook").toEnvelope(),
                        RawPrivMsg.signed(k, maker, "orderbook", "please").toEnvelope(),
                        RawPrivMsg.signed(k, maker, "fill", fillArgs()).toEnvelope(),
                        new PubMsg(k.nick(), "cancel 0!orderbook").toEnvelope(),
                        RawPrivMsg.signed(k, maker, "fill", fillArgs()).toEnvelope()));
            } catch (IOException e) {
                // refused (connection cap): that is the point
            }
        }
        List<OnionMessageChannel> myClients = new ArrayList<>();
        for (int i = worker; i < clients.size(); i += 4) {
            myClients.add(clients.get(i));
        }
        long next = System.nanoTime();
        int round = 0;
        while (!stop.get()) {
            round++;
            for (int i = 0; i < mine.size(); i++) {
                Socket s = mine.get(i);
                if (s.isClosed()) {
                    continue;
                }
                try {
                    write(s, lines.get(i).get(round % lines.get(i).size()));
                } catch (IOException e) {
                    closeQuietly(s); // closed or banned by the maker
                }
            }
            for (OnionMessageChannel c : myClients) {
                try {
                    switch (round % 4) {
                        case 1 -> c.sendPrivate(maker, "orderbook", "r" + round);
                        case 3 -> c.sendPrivate(maker, "fill", fillArgs());
                        default -> c.publish("orderbook");
                    }
                } catch (Exception e) {
                    // directory dropped us or the maker is not seen yet
                }
            }
            sent.addAndGet(mine.size() + myClients.size());
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // pacing the generator, not waiting for a result
            }
        }
    }

    private static String fillArgs() {
        byte[] box = new byte[32];
        byte[] commitment = new byte[32];
        RANDOM.nextBytes(box);
        RANDOM.nextBytes(commitment);
        HexFormat hex = HexFormat.of();
        return "0 1000000 " + hex.formatHex(box) + " P" + hex.formatHex(commitment);
    }

    private static void write(Socket s, Envelope e) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write((e.toJson() + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing
        }
    }

    /** Messages written so far. */
    long sent() {
        return sent.get();
    }

    @Override
    public void close() throws Exception {
        stop.set(true);
        synchronized (sockets) {
            sockets.forEach(Flood::closeQuietly); // unblocks writers stuck on a full socket
        }
        for (Future<?> j : jobs) {
            j.get(60, TimeUnit.SECONDS);
        }
        pool.shutdownNow();
        for (OnionMessageChannel c : clients) {
            c.stop().get(20, TimeUnit.SECONDS);
        }
        clientListener.shutdownNow();
        runtime.close();
    }
}
