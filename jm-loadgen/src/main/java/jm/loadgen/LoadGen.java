package jm.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import jm.core.Nick;
import jm.core.crypto.NickKey;
import jm.core.wire.Envelope;
import jm.core.wire.Features;
import jm.core.wire.Handshake;
import jm.core.wire.Location;
import jm.core.wire.NotServing;
import jm.core.wire.RawPrivMsg;
import jm.core.wire.TcpLocation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Drives a JoinMarket directory (ours, NG's, the reference's) over loopback and prints what it
 * measured. Scenarios run in order on the same idle population: {@code ramp} (N idle peers at a
 * fixed connection rate; handshake latency; directory RSS per idle peer if {@code --server-pid}),
 * {@code relay} (signed PRIVMSGs between pairs, closed loop), {@code broadcast} (PUBMSG offers
 * delivered to every idle peer), {@code flood} (connections flooding {@code !orderbook} while an
 * honest pair relays).
 */
@Command(name = "jm-loadgen", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load generator for any JoinMarket directory node (loopback).")
public final class LoadGen implements Callable<Integer> {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    @Option(names = "--host", description = "Directory host (default ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";
    @Option(names = "--port", required = true, description = "Directory port.")
    int port;
    @Option(names = "--network", description = "Network name in handshakes (default ${DEFAULT-VALUE}).")
    String network = "regtest";
    @Option(names = "--scenarios", split = ",", description = "ramp,relay,broadcast,flood (default all).")
    List<String> scenarios = List.of("ramp", "relay", "broadcast", "flood");
    @Option(names = "--peers", description = "Idle peers to ramp up and hold (default ${DEFAULT-VALUE}).")
    int peers = 1_000;
    @Option(names = "--ramp-rate", description = "New connections per second (default ${DEFAULT-VALUE}).")
    int rampRate = 500;
    @Option(names = "--source-addresses", split = ",",
            description = "Local addresses to spread connections over (default 127.0.0.1..127.0.0.4).")
    List<String> sources = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4");
    @Option(names = "--ng-features", negatable = true,
            description = "Idle peers advertise peerlist_features+ping (default true; --no-ng-features = reference peers).")
    boolean ngFeatures = true;
    @Option(names = "--pairs", description = "Relay pairs (default ${DEFAULT-VALUE}).")
    int pairs = 10;
    @Option(names = "--window", description = "Messages in flight per pair (default ${DEFAULT-VALUE}).")
    int window = 16;
    @Option(names = "--message-bytes", description = "Approximate PRIVMSG data size (default ${DEFAULT-VALUE}).")
    int messageBytes = 200;
    @Option(names = "--relay-seconds", description = "Relay measurement time (default ${DEFAULT-VALUE}).")
    int relaySeconds = 10;
    @Option(names = "--broadcasters", description = "Broadcasting makers (default ${DEFAULT-VALUE}).")
    int broadcasters = 1;
    @Option(names = "--broadcast-rate", description = "PUBMSGs per second per broadcaster (default ${DEFAULT-VALUE}).")
    int broadcastRate = 4;
    @Option(names = "--broadcast-seconds", description = "Broadcast measurement time (default ${DEFAULT-VALUE}).")
    int broadcastSeconds = 10;
    @Option(names = "--flooders", description = "Flooding connections (default ${DEFAULT-VALUE}).")
    int flooders = 50;
    @Option(names = "--flood-rate", description = "!orderbook per second per flooder; 0 = as fast as the socket takes (default ${DEFAULT-VALUE}).")
    int floodRate = 20;
    @Option(names = "--flood-seconds", description = "Flood duration (default ${DEFAULT-VALUE}).")
    int floodSeconds = 15;
    @Option(names = "--honest-rate", description = "Honest pair PRIVMSGs per second during the flood (default ${DEFAULT-VALUE}).")
    int honestRate = 100;
    @Option(names = "--server-pid", description = "Directory process id, to report its RSS per idle peer.")
    Long serverPid;
    @Option(names = "--observer-every", description = "Every n-th idle peer parses what it receives "
            + "(latency, flood attribution); the others only count lines (default ${DEFAULT-VALUE}).")
    int observerEvery = 50;
    @Option(names = "--measured-threads", description = "Event-loop threads for measured pairs (default ${DEFAULT-VALUE}).")
    int measuredThreads = 1;
    @Option(names = "--io-threads", description = "Client event-loop threads (default ${DEFAULT-VALUE}).")
    int ioThreads = 2;

    private EventLoopGroup group;
    private Bootstrap bootstrap;
    /** Measured connections (relay and honest pairs) get their own loop, apart from the idle crowd. */
    private EventLoopGroup measuredGroup;
    private Bootstrap measuredBootstrap;
    private final AtomicInteger sourceIndex = new AtomicInteger();
    private final List<Conn> idle = Collections.synchronizedList(new ArrayList<>());
    private final LongAdder pubmsgDeliveries = new LongAdder();
    /** Lines received by counting-only idle peers. */
    private final LongAdder countedLines = new LongAdder();
    private final Samples pubmsgLatency = new Samples(200_000);
    /** Flood observer state: flooder nick -> last time one of its messages reached an idle peer. */
    private final Map<String, AtomicLong> floodLastSeen = new ConcurrentHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGen()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        group = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
        bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
        measuredGroup = new MultiThreadIoEventLoopGroup(measuredThreads, NioIoHandler.newFactory());
        measuredBootstrap = bootstrap.clone(measuredGroup);
        try {
            System.out.printf("target %s:%d network=%s scenarios=%s%n", host, port, network, scenarios);
            if (scenarios.contains("ramp")) {
                ramp();
            }
            if (scenarios.contains("relay")) {
                relay();
            }
            if (scenarios.contains("broadcast")) {
                broadcast();
            }
            if (scenarios.contains("flood")) {
                flood();
            }
        } finally {
            for (Conn c : idle) {
                c.close();
            }
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
            measuredGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
        return 0;
    }

    // ------------------------------------------------------------------ helpers

    static String randomNick() {
        StringBuilder sb = new StringBuilder("J5");
        for (int i = 0; i < 14; i++) {
            sb.append(BASE58.charAt(RANDOM.nextInt(BASE58.length())));
        }
        return sb.toString();
    }

    private byte[] handshakeFrame(String nick, Location loc, boolean ng) {
        Features f = ng ? Features.of(Features.PEERLIST_FEATURES, Features.PING) : Features.NONE;
        return new Envelope(793, Handshake.client(new Nick(nick), loc, network, f).toLineJson()).toFrame();
    }

    private Conn connect(String nick, Location loc, boolean ng, Conn.Listener listener) {
        return connect(nick, loc, ng, listener, bootstrap);
    }

    private Conn connect(String nick, Location loc, boolean ng, Conn.Listener listener, Bootstrap via) {
        Conn c = new Conn(nick, handshakeFrame(nick, loc, ng), listener);
        String src = sources.get(Math.floorMod(sourceIndex.getAndIncrement(), sources.size()));
        via.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new LineBasedFrameDecoder(1 << 20), c);
            }
        }).connect(new InetSocketAddress(host, port), new InetSocketAddress(src, 0)).addListener(f -> {
            if (!f.isSuccess()) {
                c.closed = true;
                c.closedNanos = System.nanoTime();
                c.listener.closed(c, c.closedNanos);
            }
        });
        return c;
    }

    private static void awaitUntil(long deadlineNanos, java.util.function.BooleanSupplier done) {
        while (!done.getAsBoolean() && System.nanoTime() < deadlineNanos) {
            LockSupport.parkNanos(5_000_000);
        }
    }

    private static void pause(long millis) {
        LockSupport.parkNanos(millis * 1_000_000L);
    }

    /** Live heap of a JVM after a full GC, in KiB, via {@code jcmd} (-1 if unavailable). */
    static long liveHeapKb(long pid) {
        try {
            run("jcmd", String.valueOf(pid), "GC.run");
            // G1 prints one "garbage-first heap total ..., used NK" line; Serial and Parallel one
            // per generation ("def new generation", "tenured generation"): sum them, not Metaspace
            long used = -1;
            for (String l : run("jcmd", String.valueOf(pid), "GC.heap_info")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("total \\d+K, used (\\d+)K").matcher(l);
                if (m.find() && !l.contains("space")) {
                    used = Math.max(0, used) + Long.parseLong(m.group(1));
                }
            }
            return used;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static List<String> run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .lines().toList();
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /** CPU seconds (user + system) a process has used so far, from /proc (-1 if unavailable). */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private double phaseCpu0;
    private double phaseSelf0;
    private long phaseWall0;

    private void phaseStart() {
        phaseWall0 = System.nanoTime();
        phaseCpu0 = serverPid == null ? -1 : cpuSeconds(serverPid);
        phaseSelf0 = cpuSeconds(ProcessHandle.current().pid());
    }

    private String phaseCpu() {
        double wall = (System.nanoTime() - phaseWall0) / 1e9;
        double self = cpuSeconds(ProcessHandle.current().pid()) - phaseSelf0;
        String dir = serverPid == null ? "n/a" : String.format("%.2f", cpuSeconds(serverPid) - phaseCpu0);
        return String.format("[wall %.1fs, directory cpu %ss, loadgen cpu %.2fs, load %s]", wall, dir, self,
                loadAverage());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static long rssKb(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Listener for idle peers: counts broadcasts and flood deliveries. */
    private final Conn.Listener idleListener = new Conn.Listener() {
        @Override
        public void pubmsg(Conn c, String line, long now) {
            pubmsgDeliveries.increment();
            int b = line.indexOf('!');
            if (b > 0) {
                AtomicLong last = floodLastSeen.get(line.substring(0, b));
                if (last != null) {
                    last.accumulateAndGet(now, Math::max);
                    return;
                }
            }
            int t = line.indexOf("!sw0reloffer ");
            if (t > 0) {
                int s = t + "!sw0reloffer ".length();
                int e = line.indexOf(' ', s);
                try {
                    long sent = Long.parseLong(line.substring(s, e < 0 ? line.length() : e));
                    pubmsgLatency.add(now - sent);
                } catch (NumberFormatException ignored) {
                    // not ours
                }
            }
        }
    };

    // ------------------------------------------------------------------ ramp

    /** Warms up class loading and JIT on both sides with throwaway connections (not measured). */
    private void warmUp() {
        AtomicInteger done = new AtomicInteger();
        Conn.Listener l = new Conn.Listener() {
            @Override
            public void handshake(Conn c, boolean accepted, long now) {
                done.incrementAndGet();
                c.close();
            }

            @Override
            public void closed(Conn c, long now) {
                if (!c.handshaked) {
                    done.incrementAndGet();
                }
            }
        };
        int n = 200;
        for (int i = 0; i < n; i++) {
            connect(randomNick(), NotServing.INSTANCE, ngFeatures, l);
            pause(5);
        }
        awaitUntil(System.nanoTime() + 30_000_000_000L, () -> done.get() >= n);
        pause(1_000);
    }

    private void ramp() {
        warmUp();
        long heapBefore = serverPid == null ? -1 : liveHeapKb(serverPid);
        long rssBefore = serverPid == null ? -1 : rssKb(serverPid);
        Samples hs = new Samples(1_000_000);
        Samples tcp = new Samples(1_000_000);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Conn.Listener l = new Conn.Listener() {
            @Override
            public void handshake(Conn c, boolean accepted, long now) {
                if (accepted) {
                    ok.incrementAndGet();
                    hs.add(now - c.startNanos);
                    tcp.add(c.activeNanos - c.startNanos);
                } else {
                    failed.incrementAndGet();
                }
            }

            @Override
            public void closed(Conn c, long now) {
                if (!c.handshaked) {
                    failed.incrementAndGet();
                }
            }

            @Override
            public void pubmsg(Conn c, String line, long now) {
                idleListener.pubmsg(c, line, now);
            }
        };
        phaseStart();
        long t0 = System.nanoTime();
        long interval = 1_000_000_000L / Math.max(1, rampRate);
        for (int i = 0; i < peers; i++) {
            long due = t0 + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Location loc = i % 4 == 0 ? new TcpLocation("127.0.0.1", 10_000 + (i % 50_000)) : NotServing.INSTANCE;
            Conn c = connect(randomNick(), loc, ngFeatures, l);
            if (i % observerEvery != 0) {
                c.countOnly = countedLines;
            }
            idle.add(c);
        }
        long rampNanos = System.nanoTime() - t0;
        awaitUntil(System.nanoTime() + 60_000_000_000L, () -> ok.get() + failed.get() >= peers);
        System.out.printf("ramp: peers=%d handshaked=%d failed=%d offered-rate=%d/s achieved=%.0f/s handshake %s%n",
                peers, ok.get(), failed.get(), rampRate, peers / (rampNanos / 1e9), hs.summary());
        System.out.printf("ramp: of which tcp connect %s %s%n", tcp.summary(), phaseCpu());
        if (serverPid != null) {
            pause(5_000);
            long rssAfter = rssKb(serverPid);
            System.out.printf("rss: before=%d KiB after=%d KiB delta=%d KiB per-idle-peer=%.2f KiB%n", rssBefore,
                    rssAfter, rssAfter - rssBefore, (rssAfter - rssBefore) / (double) Math.max(1, ok.get()));
            long heapAfter = liveHeapKb(serverPid);
            long rssAfterGc = rssKb(serverPid);
            System.out.printf("heap: live before=%d KiB after=%d KiB per-idle-peer=%.2f KiB (rss after full GC %d KiB)%n",
                    heapBefore, heapAfter, (heapAfter - heapBefore) / (double) Math.max(1, ok.get()), rssAfterGc);
        }
    }

    // ------------------------------------------------------------------ relay

    /** A sender/receiver pair with pre-signed messages and per-slot send times. */
    private final class Pair {
        final NickKey senderKey = NickKey.random(RANDOM);
        final String receiverNick = randomNick();
        final byte[][] frames;
        final long[] sentAt;
        final AtomicLong nextSeq = new AtomicLong();
        Conn sender;
        Conn receiver;

        Pair(int slots) {
            frames = new byte[slots][];
            sentAt = new long[slots];
            String pad = "x".repeat(Math.max(0, messageBytes - 24));
            for (int i = 0; i < slots; i++) {
                String data = "lg" + i + "_" + pad;
                frames[i] = new Envelope(685,
                        RawPrivMsg.sign(senderKey, new Nick(receiverNick), "hp2", data)).toFrame();
            }
        }

        void sendNext() {
            long seq = nextSeq.getAndIncrement();
            int slot = (int) (seq % frames.length);
            sentAt[slot] = System.nanoTime();
            sender.send(frames[slot]);
        }

        /** Returns the slot named in a received line, or -1. */
        int slotOf(String line) {
            int i = line.indexOf("!hp2 lg");
            if (i < 0) {
                return -1;
            }
            int s = i + "!hp2 lg".length();
            int e = line.indexOf('_', s);
            try {
                return Integer.parseInt(line.substring(s, e));
            } catch (RuntimeException ex) {
                return -1;
            }
        }
    }

    /** A listener that only counts the handshakes answered, into {@code ready}. */
    private static Conn.Listener countingHandshakes(AtomicInteger ready) {
        return new Conn.Listener() {
            @Override
            public void handshake(Conn c, boolean accepted, long now) {
                ready.incrementAndGet();
            }
        };
    }

    private List<Pair> connectPairs(int n, int slots, Conn.Listener receiverListener) {
        List<Pair> list = new ArrayList<>();
        AtomicInteger ready = new AtomicInteger();
        Conn.Listener senderListener = countingHandshakes(ready);
        Conn.Listener recv = new Conn.Listener() {
            @Override
            public void handshake(Conn c, boolean accepted, long now) {
                ready.incrementAndGet();
            }

            @Override
            public void privmsg(Conn c, String line, long now) {
                receiverListener.privmsg(c, line, now);
            }
        };
        for (int i = 0; i < n; i++) {
            Pair p = new Pair(slots);
            p.receiver = connect(p.receiverNick, new TcpLocation("127.0.0.1", 30_000 + i), true, recv,
                    measuredBootstrap);
            p.receiver.tag = p;
            p.sender = connect(p.senderKey.nick().value(), NotServing.INSTANCE, true, senderListener,
                    measuredBootstrap);
            list.add(p);
        }
        awaitUntil(System.nanoTime() + 30_000_000_000L, () -> ready.get() >= 2 * n);
        return list;
    }

    private void relay() {
        int slots = Math.max(2 * window, 32);
        Samples lat = new Samples(2_000_000);
        LongAdder received = new LongAdder();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicBoolean measuring = new java.util.concurrent.atomic.AtomicBoolean(false);
        List<Pair> ps = connectPairs(pairs, slots, new Conn.Listener() {
            @Override
            public void privmsg(Conn c, String line, long now) {
                Pair p = (Pair) c.tag;
                int slot = p.slotOf(line);
                if (slot < 0) {
                    return;
                }
                if (measuring.get()) {
                    lat.add(now - p.sentAt[slot]);
                    received.increment();
                }
                if (running.get()) {
                    p.sendNext();
                }
            }
        });
        for (Pair p : ps) {
            for (int i = 0; i < window; i++) {
                p.sendNext();
            }
        }
        pause(2_000); // warm-up
        lat.clear();
        received.reset();
        phaseStart();
        measuring.set(true);
        long t0 = System.nanoTime();
        pause(relaySeconds * 1_000L);
        measuring.set(false);
        double secs = (System.nanoTime() - t0) / 1e9;
        running.set(false);
        System.out.printf("relay: connected=%d pairs=%d window=%d bytes~%d relayed=%.0f/s latency %s%n",
                idle.size() + 2 * pairs, pairs, window, messageBytes, received.sum() / secs, lat.summary());
        System.out.println("relay: " + phaseCpu());
        pause(500);
        for (Pair p : ps) {
            p.sender.close();
            p.receiver.close();
        }
    }

    // ------------------------------------------------------------------ broadcast

    private void broadcast() {
        AtomicInteger ready = new AtomicInteger();
        List<Conn> bs = new ArrayList<>();
        Conn.Listener l = countingHandshakes(ready);
        for (int i = 0; i < broadcasters; i++) {
            bs.add(connect(randomNick(), new TcpLocation("127.0.0.1", 31_000 + i), true, l));
        }
        awaitUntil(System.nanoTime() + 30_000_000_000L, () -> ready.get() >= broadcasters);
        pubmsgDeliveries.reset();
        countedLines.reset();
        pubmsgLatency.clear();
        phaseStart();
        long t0 = System.nanoTime();
        long interval = 1_000_000_000L / Math.max(1, broadcastRate);
        long end = t0 + broadcastSeconds * 1_000_000_000L;
        long sent = 0;
        for (long due = t0; due < end; due += interval) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            for (Conn b : bs) {
                b.send(new Envelope(687, b.nick + "!PUBLIC!sw0reloffer " + System.nanoTime()
                        + " 27300 100000000 0 0.00002").toFrame());
                sent++;
            }
        }
        long lastChange = System.nanoTime();
        long lastSeen = -1;
        long drainDeadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < drainDeadline) {
            long total = pubmsgDeliveries.sum() + countedLines.sum();
            if (total != lastSeen) {
                lastSeen = total;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > 1_000_000_000L) {
                break;
            }
            pause(50);
        }
        long delivered = pubmsgDeliveries.sum() + countedLines.sum();
        double secs = (lastChange - t0) / 1e9;
        System.out.printf("broadcast: idle-receivers=%d pubmsg-sent=%d delivered=%d of expected %d in %.1fs "
                        + "(%.0f deliveries/s; sending lasted %ds) observer latency %s%n",
                idle.size(), sent, delivered, sent * idle.size(), secs, delivered / secs, broadcastSeconds,
                pubmsgLatency.summary());
        System.out.println("broadcast: " + phaseCpu());
        for (Conn b : bs) {
            b.close();
        }
    }

    // ------------------------------------------------------------------ flood

    private volatile long floodStart = Long.MAX_VALUE;
    private final long[] honestMaxPerSecond = new long[600];

    private void flood() {
        if (idle.isEmpty()) {
            Conn.Listener l = new Conn.Listener() {
                @Override
                public void pubmsg(Conn c, String line, long now) {
                    idleListener.pubmsg(c, line, now);
                }
            };
            idle.add(connect(randomNick(), NotServing.INSTANCE, true, l));
            pause(1_000);
        }
        Samples honest = new Samples(1_000_000);
        LongAdder honestReceived = new LongAdder();
        List<Pair> ps = connectPairs(1, 1_024, new Conn.Listener() {
            @Override
            public void privmsg(Conn c, String line, long now) {
                Pair p = (Pair) c.tag;
                int slot = p.slotOf(line);
                if (slot >= 0) {
                    long lat = now - p.sentAt[slot];
                    honest.add(lat);
                    honestReceived.increment();
                    int sec = (int) Math.min(honestMaxPerSecond.length - 1,
                            Math.max(0, (p.sentAt[slot] - floodStart) / 1_000_000_000L));
                    honestMaxPerSecond[sec] = Math.max(honestMaxPerSecond[sec], lat);
                }
            }
        });
        Pair hp = ps.get(0);
        AtomicInteger ready = new AtomicInteger();
        List<Conn> fs = new ArrayList<>();
        Conn.Listener fl = countingHandshakes(ready);
        for (int i = 0; i < flooders; i++) {
            String nick = randomNick();
            floodLastSeen.put(nick, new AtomicLong());
            fs.add(connect(nick, NotServing.INSTANCE, true, fl));
        }
        awaitUntil(System.nanoTime() + 30_000_000_000L, () -> ready.get() >= flooders);
        // honest pair warm-up (2 s at its rate) before the flood starts; not measured
        long w0 = System.nanoTime();
        for (long due = w0; due < w0 + 2_000_000_000L; due += 1_000_000_000L / Math.max(1, honestRate)) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            hp.sendNext();
        }
        pause(500);
        honest.clear();
        honestReceived.reset();
        java.util.Arrays.fill(honestMaxPerSecond, 0);
        byte[][] floodFrames = new byte[fs.size()][];
        for (int i = 0; i < fs.size(); i++) {
            floodFrames[i] = new Envelope(687, fs.get(i).nick + "!PUBLIC!orderbook").toFrame();
        }
        phaseStart();
        long t0 = System.nanoTime();
        floodStart = t0;
        long end = t0 + floodSeconds * 1_000_000_000L;
        long tick = 10_000_000L; // 10 ms
        long honestInterval = 1_000_000_000L / Math.max(1, honestRate);
        long nextHonest = t0;
        double floodCarry = 0;
        long floodSent = 0;
        for (long due = t0; due < end; due += tick) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long now = System.nanoTime();
            while (nextHonest <= now) {
                hp.sendNext();
                nextHonest += honestInterval;
            }
            int perFlooder;
            if (floodRate <= 0) {
                perFlooder = 200;
            } else {
                floodCarry += floodRate * (tick / 1e9);
                perFlooder = (int) floodCarry;
                floodCarry -= perFlooder;
            }
            for (int i = 0; i < fs.size(); i++) {
                Conn f = fs.get(i);
                for (int k = 0; k < perFlooder && (floodRate > 0 || f.writable()); k++) {
                    f.send(floodFrames[i]);
                    floodSent++;
                }
            }
        }
        pause(1_000);
        List<Double> throttle = new ArrayList<>();
        List<Double> dropped = new ArrayList<>();
        for (Conn f : fs) {
            long last = floodLastSeen.get(f.nick).get();
            throttle.add(last == 0 ? 0.0 : (last - t0) / 1e9);
            if (f.closed) {
                dropped.add((f.closedNanos - t0) / 1e9);
            }
        }
        Collections.sort(throttle);
        Collections.sort(dropped);
        System.out.printf("flood: flooders=%d rate=%s/s each sent=%d honest-pair %s (sent %d/s)%n", flooders,
                floodRate <= 0 ? "max" : String.valueOf(floodRate), floodSent, honest.summary(), honestRate);
        System.out.printf("flood: last-delivery-after-start median=%.2fs max=%.2fs; disconnected=%d/%d"
                        + " median=%.2fs max=%.2fs%n",
                throttle.isEmpty() ? 0 : throttle.get(throttle.size() / 2),
                throttle.isEmpty() ? 0 : throttle.get(throttle.size() - 1), dropped.size(), fs.size(),
                dropped.isEmpty() ? Double.NaN : dropped.get(dropped.size() / 2),
                dropped.isEmpty() ? Double.NaN : dropped.get(dropped.size() - 1));
        StringBuilder perSecond = new StringBuilder();
        for (int i = 0; i <= floodSeconds && i < honestMaxPerSecond.length; i++) {
            perSecond.append(String.format(" %.0f", honestMaxPerSecond[i] / 1e6));
        }
        System.out.println("flood: honest max latency (ms) by second of sending:" + perSecond);
        System.out.println("flood: " + phaseCpu());
        for (Conn f : fs) {
            f.close();
        }
        hp.sender.close();
        hp.receiver.close();
    }
}
