package jm.cli.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tor mode against a real {@code tor} with the network disabled: the directory's onion service
 * key is created on first start and reused on the next, so the address survives restarts.
 * Skipped when no {@code tor} binary is installed.
 */
@Timeout(90)
class TorModeTest {
    @TempDir
    Path dir;
    private Process tor;

    @AfterEach
    void stopTor() throws Exception {
        if (tor != null) {
            tor.destroy();
            tor.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Path torBinary() {
        for (String p : new String[] {"/usr/bin/tor", "/usr/sbin/tor", "/usr/local/bin/tor"}) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    private int startTor() throws Exception {
        Path bin = torBinary();
        assumeTrue(bin != null, "tor is not installed");
        Path data = Files.createDirectories(dir.resolve("tor-data"));
        data.toFile().setReadable(false, false);
        data.toFile().setReadable(true, true);
        data.toFile().setExecutable(false, false);
        data.toFile().setExecutable(true, true);
        Path portFile = dir.resolve("control.port");
        tor = new ProcessBuilder(bin.toString(), "--DisableNetwork", "1", "--SocksPort", "0",
                "--ControlPort", "127.0.0.1:auto", "--ControlPortWriteToFile", portFile.toString(),
                "--CookieAuthentication", "1", "--DataDirectory", data.toString(), "--Log", "err stderr")
                .redirectErrorStream(true).redirectOutput(dir.resolve("tor.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(portFile)) {
                String s = Files.readString(portFile).trim();
                if (s.startsWith("PORT=") && s.contains(":")) {
                    return Integer.parseInt(s.substring(s.lastIndexOf(':') + 1));
                }
            }
            assumeTrue(tor.isAlive(), "tor exited: " + Files.readString(dir.resolve("tor.out")));
            tor.waitFor(50, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("tor did not write its control port file");
    }

    private StartDirectoryCommand.Running start(int controlPort) throws Exception {
        return StartDirectoryCommandTest.parsed("--network", "signet", "--host", "127.0.0.1", "--port", "0",
                "--health-port", "-1", "--tor-control-port", String.valueOf(controlPort),
                "--data-dir", dir.resolve("jm").toString()).startNode(Map.of());
    }

    @Test
    void createsAPersistentOnionKeyAndReusesItOnRestart() throws Exception {
        int control = startTor();
        String first;
        try (StartDirectoryCommand.Running r = start(control)) {
            first = r.onionLocation().orElseThrow();
        }
        Path key = dir.resolve("jm").resolve("directory").resolve("onion_service_key");
        assertThat(key).exists();
        assertThat(first).matches("[a-z2-7]{56}\\.onion:5222");
        try (StartDirectoryCommand.Running r = start(control)) {
            assertThat(r.onionLocation()).contains(first);
        }
    }
}
