package jm.demo.tor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import jm.net.tor.TorAuth;
import jm.net.tor.TorControlClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private Tor network on 127.0.0.1 for tests and demos: three directory authorities, three
 * relays and {@code clients} client instances of Debian's {@code tor}, all with
 * {@code TestingTorNetwork 1}. It carries onion-service traffic only (no exits) and never touches
 * the real Tor network. <b>Not for real funds</b>: the control ports have no authentication and
 * the network's authorities are throw-away keys made here.
 *
 * <p>{@link #start} generates authority keys with {@code tor-gencert}, writes the torrc files under
 * {@code dir}, starts every process (each told to exit if this JVM dies:
 * {@code __OwningControllerProcess}), waits until every client has bootstrapped and knows every
 * relay as an HSDir (otherwise the first onion lookups stall), and returns. {@link #close()} stops
 * every process (SIGTERM, SIGKILL after 5 s). Options and timings come from the measurements in
 * the module README.
 */
public final class PrivateTorNetwork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateTorNetwork.class);
    static final int AUTHORITIES = 3;
    static final int RELAYS = 3;
    /** Voting interval (s); the onion-service time period is 24 of them in a test network. */
    static final int VOTING_INTERVAL = 10;
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    /** One client: its SOCKS port (with ExtendedErrors) and its unauthenticated control port. */
    public record Client(String name, InetSocketAddress socks, InetSocketAddress control) {
        public Client {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(socks, "socks");
            Objects.requireNonNull(control, "control");
        }

        /** An authenticated control connection (NULL auth: loopback test network only). */
        public TorControlClient openControl(SecureRandom random) throws IOException {
            TorControlClient c = TorControlClient.connect(control, Duration.ofSeconds(30), random);
            try {
                c.authenticate(new TorAuth.None());
                return c;
            } catch (IOException | RuntimeException e) {
                c.close();
                throw e;
            }
        }
    }

    /** {@code tor} or {@code tor-gencert} is not installed. */
    public static final class TorNotInstalledException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        TorNotInstalledException(String binary) {
            super(binary + " is not installed: jm demo --tor needs Debian's tor package"
                    + " (apt-get install tor; it also ships tor-gencert)");
        }
    }

    private record Node(String name, Role role, int orPort, int dirPort, int controlPort, int socksPort) {
        Path dir(Path root) {
            return root.resolve(name);
        }
    }

    private enum Role { AUTHORITY, RELAY, CLIENT }

    private final Path dir;
    private final List<Client> clients;
    private final List<Process> processes;
    private final List<String> dirAuthorityLines;
    private final Duration bootstrap;
    private final Thread shutdownHook;

    private PrivateTorNetwork(Path dir, List<Client> clients, List<Process> processes, List<String> dirAuthorityLines,
            Duration bootstrap, Thread shutdownHook) {
        this.dir = dir;
        this.clients = List.copyOf(clients);
        this.processes = processes;
        this.dirAuthorityLines = List.copyOf(dirAuthorityLines);
        this.bootstrap = bootstrap;
        this.shutdownHook = shutdownHook;
    }

    /** Where {@code tor} and {@code tor-gencert} are, if installed (PATH, then /usr/sbin, /usr/bin). */
    public static Optional<Path> findBinary(String name) {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String p : path.split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) {
                    candidates.add(Path.of(p, name));
                }
            }
        }
        Stream.of("/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin")
                .forEach(p -> candidates.add(Path.of(p, name)));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** True if both binaries the network needs are installed. */
    public static boolean available() {
        return findBinary("tor").isPresent() && findBinary("tor-gencert").isPresent();
    }

    /**
     * Starts the network and returns once every client is ready to host and reach onion services.
     *
     * @param dir      working directory (keys, torrc files, data directories, logs); created
     * @param clients  number of client instances (1..8)
     * @param timeout  how long to wait for the bootstrap (the measured p90 is ~30 s; allow 120 s+)
     * @param progress one line per step, for humans
     * @throws TorNotInstalledException if tor or tor-gencert is missing
     * @throws IOException if a process cannot start or the bootstrap times out (everything is stopped)
     */
    public static PrivateTorNetwork start(Path dir, int clients, Duration timeout, Consumer<String> progress)
            throws IOException, InterruptedException {
        Path attemptDir = dir;
        for (int attempt = 1;; attempt++) {
            try {
                return startOnce(attemptDir, clients, timeout, progress);
            } catch (PortTakenException e) {
                // the free ports were chosen before tor bound them; another process took one in between
                if (attempt == PORT_ATTEMPTS) {
                    throw e;
                }
                progress.accept("private Tor network: " + e.getMessage() + "; starting again on other ports");
                attemptDir = dir.resolve("retry-" + attempt);
            }
        }
    }

    /** How often {@link #start} picks new ports when a tor could not bind one of them. */
    static final int PORT_ATTEMPTS = 3;

    /** A tor of the network exited because a port chosen for it was taken in the meantime. */
    static final class PortTakenException extends IOException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }

    private static PrivateTorNetwork startOnce(Path dir, int clients, Duration timeout, Consumer<String> progress)
            throws IOException, InterruptedException {
        if (clients < 1 || clients > 8) {
            throw new IllegalArgumentException("clients must be 1..8: " + clients);
        }
        Path tor = findBinary("tor").orElseThrow(() -> new TorNotInstalledException("tor"));
        Path gencert = findBinary("tor-gencert").orElseThrow(() -> new TorNotInstalledException("tor-gencert"));
        long t0 = System.nanoTime();
        Path net = dir.toAbsolutePath();
        Files.createDirectories(net);
        List<Node> nodes = layout(clients);
        Path empty = net.resolve("empty-torrc");
        Files.writeString(empty, "");
        List<String> authLines = new ArrayList<>();
        for (Node n : nodes) {
            if (n.role() == Role.AUTHORITY) {
                authLines.add(makeAuthority(tor, gencert, net, empty, n));
            }
        }
        for (Node n : nodes) {
            Files.createDirectories(n.dir(net));
            Files.writeString(n.dir(net).resolve("torrc"), torrc(n, net, authLines), StandardCharsets.UTF_8);
        }
        List<Process> processes = new ArrayList<>();
        Thread hook = new Thread(() -> stopAll(processes), "private-tor-network-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        List<Client> cs = new ArrayList<>();
        for (Node n : nodes) {
            if (n.role() == Role.CLIENT) {
                cs.add(new Client(n.name(), loopback(n.socksPort()), loopback(n.controlPort())));
            }
        }
        PrivateTorNetwork network = new PrivateTorNetwork(net, cs, processes, authLines, Duration.ZERO, hook);
        try {
            for (Node n : nodes) {
                Path d = n.dir(net);
                processes.add(new ProcessBuilder(tor.toString(), "-f", d.resolve("torrc").toString(),
                        "--defaults-torrc", empty.toString())
                        .redirectErrorStream(true).redirectOutput(d.resolve("stdout.log").toFile()).start());
            }
            progress.accept("private Tor network: started " + processes.size() + " tor processes ("
                    + AUTHORITIES + " authorities, " + RELAYS + " relays, " + clients + " clients) in " + net);
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Client c : cs) {
                awaitReady(network, c, deadline, progress);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            progress.accept(String.format(Locale.ROOT,
                    "private Tor network: all clients bootstrapped and know every HSDir in %.1f s",
                    took.toMillis() / 1000.0));
            return new PrivateTorNetwork(net, cs, processes, authLines, took, hook);
        } catch (IOException | InterruptedException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private static List<Node> layout(int clients) throws IOException {
        List<Node> nodes = new ArrayList<>();
        int total = AUTHORITIES + RELAYS + clients;
        List<Integer> ports = freePorts(AUTHORITIES * 3 + RELAYS * 2 + clients * 2);
        int p = 0;
        for (int i = 0; i < total; i++) {
            Role role = i < AUTHORITIES ? Role.AUTHORITY : i < AUTHORITIES + RELAYS ? Role.RELAY : Role.CLIENT;
            String name = switch (role) {
                case AUTHORITY -> "a" + i;
                case RELAY -> "r" + (i - AUTHORITIES);
                case CLIENT -> "c" + (i - AUTHORITIES - RELAYS);
            };
            int or = role == Role.CLIENT ? 0 : ports.get(p++);
            int dirPort = role == Role.AUTHORITY ? ports.get(p++) : 0;
            int control = ports.get(p++);
            int socks = role == Role.CLIENT ? ports.get(p++) : 0;
            nodes.add(new Node(name, role, or, dirPort, control, socks));
        }
        return nodes;
    }

    /** Distinct currently free loopback ports (the torrc files need them before tor starts). */
    private static List<Integer> freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        Set<Integer> ports = new HashSet<>();
        try {
            while (ports.size() < n) {
                ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                held.add(s);
                ports.add(s.getLocalPort());
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return new ArrayList<>(ports);
    }

    /** Makes an authority's v3 keys and returns its DirAuthority line. */
    private static String makeAuthority(Path tor, Path gencert, Path net, Path empty, Node n)
            throws IOException, InterruptedException {
        Path d = n.dir(net);
        Path keys = d.resolve("keys");
        Files.createDirectories(keys);
        run(List.of(gencert.toString(), "--create-identity-key", "--passphrase-fd", "0", "-m", "12",
                "-a", "127.0.0.1:" + n.dirPort(),
                "-i", keys.resolve("authority_identity_key").toString(),
                "-s", keys.resolve("authority_signing_key").toString(),
                "-c", keys.resolve("authority_certificate").toString()), "\n", d.resolve("gencert.log"));
        String v3 = Files.readAllLines(keys.resolve("authority_certificate"), StandardCharsets.US_ASCII).stream()
                .filter(l -> l.startsWith("fingerprint ")).map(l -> l.substring(12).strip()).findFirst()
                .orElseThrow(() -> new IOException("tor-gencert wrote no fingerprint for " + n.name()));
        List<String> out = run(List.of(tor.toString(), "--ignore-missing-torrc", "-f", net.resolve("none").toString(),
                "--defaults-torrc", empty.toString(), "--DataDirectory", d.toString(), "--ORPort", "1",
                "--list-fingerprint"), "", d.resolve("fingerprint.log"));
        String last = out.isEmpty() ? "" : out.get(out.size() - 1).strip();
        int sp = last.indexOf(' ');
        String fpr = sp < 0 ? "" : last.substring(sp + 1).replace(" ", "");
        if (!fpr.matches("[0-9A-F]{40}")) {
            throw new IOException("could not read the fingerprint of authority " + n.name() + ": '" + last + "'");
        }
        return "DirAuthority " + n.name() + " orport=" + n.orPort() + " no-v2 v3ident=" + v3 + " 127.0.0.1:"
                + n.dirPort() + " " + fpr;
    }

    private static List<String> run(List<String> cmd, String stdin, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(cmd.get(0) + " did not finish in 60 s");
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(cmd.get(0) + " failed (exit " + p.exitValue() + "): " + String.join(" | ", lines));
        }
        return lines;
    }

    static String torrc(Node n, Path net, List<String> authLines) {
        Path d = n.dir(net);
        StringBuilder b = new StringBuilder();
        b.append("# private test network made by jm (PrivateTorNetwork): not for real funds\n");
        line(b, "TestingTorNetwork 1");
        line(b, "DataDirectory " + d);
        line(b, "Nickname " + n.name());
        line(b, "Log notice file " + d.resolve("notice.log"));
        line(b, "SafeLogging 0");
        line(b, "ShutdownWaitLength 0");
        line(b, "ControlPort 127.0.0.1:" + n.controlPort());
        line(b, "CookieAuthentication 0");
        // tor exits by itself if this JVM dies without stopping it
        line(b, "__OwningControllerProcess " + ProcessHandle.current().pid());
        line(b, "Schedulers Vanilla");
        line(b, "PathsNeededToBuildCircuits 0.25");
        line(b, "V3AuthNIntervalsValid 2");
        authLines.forEach(l -> line(b, l));
        if (n.role() == Role.CLIENT) {
            line(b, "SocksPort 127.0.0.1:" + n.socksPort() + " ExtendedErrors");
            return b.toString();
        }
        line(b, "Address 127.0.0.1");
        line(b, "ORPort 127.0.0.1:" + n.orPort());
        line(b, "SocksPort 0");
        line(b, "AssumeReachable 1");
        line(b, "ContactInfo private-test-network@localhost");
        line(b, "ExitRelay 0");
        line(b, "MaxConsensusAgeForDiffs 1 minutes");
        if (n.role() == Role.AUTHORITY) {
            int delay = Math.max(2, VOTING_INTERVAL / 5);
            line(b, "DirPort 127.0.0.1:" + n.dirPort());
            line(b, "AuthoritativeDirectory 1");
            line(b, "V3AuthoritativeDirectory 1");
            line(b, "TestingV3AuthInitialVotingInterval " + VOTING_INTERVAL);
            line(b, "TestingV3AuthInitialVoteDelay " + delay);
            line(b, "TestingV3AuthInitialDistDelay " + delay);
            line(b, "V3AuthVotingInterval " + VOTING_INTERVAL);
            line(b, "V3AuthVoteDelay " + delay);
            line(b, "V3AuthDistDelay " + delay);
            line(b, "TestingDirAuthVoteGuard *");
            line(b, "TestingDirAuthVoteHSDir *");
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String l) {
        b.append(l).append('\n');
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** Waits until the client is at 100 % and has every relay as HSDir with its microdescriptor. */
    private static void awaitReady(PrivateTorNetwork network, Client c, long deadlineNanos, Consumer<String> progress)
            throws IOException, InterruptedException {
        SecureRandom random = new SecureRandom();
        String last = "control port not open yet";
        int lastProgress = -1;
        while (System.nanoTime() < deadlineNanos) {
            network.checkAlive();
            try (TorControlClient ctl = c.openControl(random)) {
                String phase = ctl.getInfo("status/bootstrap-phase");
                int pct = bootstrapProgress(phase);
                if (pct != lastProgress && pct >= 0) {
                    LOG.debug("{}: bootstrap {}%", c.name(), pct);
                    lastProgress = pct;
                }
                last = "bootstrap " + pct + "%";
                if (pct == 100) {
                    long hsdirs = ctl.getInfo("ns/all").lines()
                            .filter(l -> l.startsWith("s ") && l.contains(" HSDir")).count();
                    long mds = ctl.getInfo("md/all").lines().filter(l -> l.startsWith("onion-key")).count();
                    last = "bootstrapped, " + hsdirs + " HSDirs, " + mds + " microdescriptors";
                    if (hsdirs >= AUTHORITIES + RELAYS && mds >= AUTHORITIES + RELAYS) {
                        return;
                    }
                }
            } catch (IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(500); // polling tor's state; tor offers no cheaper readiness signal here
        }
        throw new IOException("the private Tor network did not bootstrap in time (client " + c.name() + ": " + last
                + "); logs in " + network.dir);
    }

    static int bootstrapProgress(String phase) {
        int i = phase.indexOf("PROGRESS=");
        if (i < 0) {
            return -1;
        }
        int j = i + "PROGRESS=".length();
        int k = j;
        while (k < phase.length() && Character.isDigit(phase.charAt(k))) {
            k++;
        }
        return k == j ? -1 : Integer.parseInt(phase.substring(j, k));
    }

    private void checkAlive() throws IOException {
        for (Process p : processes) {
            if (!p.isAlive()) {
                throw exited(dir, p.exitValue());
            }
        }
    }

    /**
     * Why a tor of the network exited, from its log: a failed bind ({@link PortTakenException}), else its first
     * {@code [err]} line.
     */
    static IOException exited(Path dir, int code) {
        String message = "a tor process of the private network exited (code " + code + "); logs in " + dir;
        Optional<String> bind = firstLogLine(dir, "Address already in use");
        if (bind.isPresent()) {
            return new PortTakenException(message + ": " + bind.get());
        }
        return new IOException(firstLogLine(dir, "[err]").map(l -> message + ": " + l).orElse(message));
    }

    private static Optional<String> firstLogLine(Path dir, String containing) {
        try (Stream<Path> nodes = Files.list(dir)) {
            for (Path log : nodes.map(n -> n.resolve("stdout.log")).filter(Files::isRegularFile).sorted().toList()) {
                try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
                    Optional<String> line = lines.filter(l -> l.contains(containing)).findFirst();
                    if (line.isPresent()) {
                        int level = line.get().indexOf(" [");
                        return Optional.of(log.getParent().getFileName() + ":"
                                + (level < 0 ? " " + line.get() : line.get().substring(level)));
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.debug("cannot read the private Tor network's logs in {}", dir, e);
        }
        return Optional.empty();
    }

    /** The clients, in order c0, c1, ... */
    public List<Client> clients() {
        return clients;
    }

    public Client client(int i) {
        return clients.get(i);
    }

    /** The three {@code DirAuthority} lines: with {@code TestingTorNetwork 1} they let any tor join. */
    public List<String> dirAuthorityLines() {
        return dirAuthorityLines;
    }

    /** From the start until every client was ready (keys and configs included). */
    public Duration bootstrapTime() {
        return bootstrap;
    }

    public Path dir() {
        return dir;
    }

    /** Whether every tor process is still running. */
    public boolean running() {
        return !processes.isEmpty() && processes.stream().allMatch(Process::isAlive);
    }

    /** Stops every tor process (SIGTERM, SIGKILL after 5 s). Idempotent. */
    @Override
    public void close() {
        stopAll(processes);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down; the hook stops them
        }
    }

    private static void stopAll(List<Process> processes) {
        synchronized (processes) {
            processes.forEach(Process::destroy);
            long deadline = System.nanoTime() + STOP_GRACE.toNanos();
            for (Process p : processes) {
                try {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                        p.destroyForcibly();
                        p.waitFor(2, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "PrivateTorNetwork[" + dir + ", " + clients.size() + " clients]";
    }
}
