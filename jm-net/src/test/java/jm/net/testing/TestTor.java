package jm.net.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jm.net.tor.TorControlClient;

/**
 * A real Debian {@code tor} for tests: network disabled, own data directory, control port on
 * 127.0.0.1:auto written to a file, cookie authentication, no SOCKS port. {@link #find()} is
 * empty when no tor binary is installed (tests then skip).
 */
public record TestTor(Process process, InetSocketAddress controlAddress, Path dataDir) implements AutoCloseable {

    public static Optional<Path> find() {
        return Stream.of("/usr/bin/tor", "/usr/sbin/tor", "/usr/local/bin/tor")
                .map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Starts tor and waits (up to 30 s) until its control port is open. */
    public static TestTor start(Path tor, Path dataDir, List<String> extraArgs) throws Exception {
        Files.createDirectories(dataDir);
        Path portFile = dataDir.resolve("control-port");
        Path emptyRc = dataDir.resolve("empty-torrc");
        Files.writeString(emptyRc, "");
        List<String> cmd = new java.util.ArrayList<>(List.of(tor.toString(),
                "--defaults-torrc", emptyRc.toString(), "-f", emptyRc.toString(),
                "--DataDirectory", dataDir.toString(),
                "--DisableNetwork", "1",
                "--SocksPort", "0",
                "--ControlPort", "127.0.0.1:auto",
                "--ControlPortWriteToFile", portFile.toString(),
                "--Log", "notice stdout"));
        cmd.addAll(extraArgs);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.contains("Opened Control listener")) {
                        ready.complete(null);
                    }
                }
                ready.completeExceptionally(new IOException("tor exited before opening its control port"));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        }, "test-tor-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(30, TimeUnit.SECONDS);
            // The port file is written right after the listener opens; its writer is tor's main
            // loop, so wait for the file's content via the same stdout-driven readiness.
            InetSocketAddress addr = awaitPortFile(portFile);
            return new TestTor(p, addr, dataDir);
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    private static InetSocketAddress awaitPortFile(Path portFile) throws Exception {
        CompletableFuture<InetSocketAddress> f = CompletableFuture.supplyAsync(() -> {
            while (true) {
                try {
                    if (Files.exists(portFile) && Files.size(portFile) > 0) {
                        return TorControlClient.readControlPortFile(portFile);
                    }
                } catch (IOException e) {
                    // partially written: try again
                }
                Thread.yield();
            }
        });
        try {
            return f.get(10, TimeUnit.SECONDS);
        } finally {
            f.cancel(true);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
