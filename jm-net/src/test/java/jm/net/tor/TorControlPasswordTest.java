package jm.net.tor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jm.net.testing.TestTor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HASHEDPASSWORD and NULL authentication against a real tor (skipped without tor). */
class TorControlPasswordTest {
    @TempDir
    Path tmp;

    private static String hashPassword(Path tor, String password) throws Exception {
        Process p = new ProcessBuilder(tor.toString(), "--hash-password", password, "--quiet")
                .redirectErrorStream(true).start();
        String hashed = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("16:")) {
                    hashed = line.strip();
                }
            }
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(hashed).isNotNull();
        return hashed;
    }

    @Test
    void authenticatesWithAPasswordAndRejectsAWrongOne() throws Exception {
        Optional<Path> bin = TestTor.find();
        assumeTrue(bin.isPresent(), "tor binary not installed");
        String password = "correct \"horse\" battery";
        String hashed = hashPassword(bin.get(), password);
        try (TestTor tor = TestTor.start(bin.get(), tmp.resolve("tor"),
                List.of("--HashedControlPassword", hashed, "--CookieAuthentication", "0"))) {
            try (TorControlClient c = TorControlClient.connect(tor.controlAddress(), Duration.ofSeconds(10),
                    new SecureRandom())) {
                assertThat(c.protocolInfo().authMethods()).contains("HASHEDPASSWORD");
                assertThatThrownBy(() -> c.authenticate(new TorAuth.Password("wrong")))
                        .isInstanceOf(TorControlException.class);
            }
            try (TorControlClient c = TorControlClient.connect(tor.controlAddress(), Duration.ofSeconds(10),
                    new SecureRandom())) {
                c.authenticate(new TorAuth.Auto(Optional.of(password), Optional.empty()));
                assertThat(c.getInfo("version")).isNotBlank();
            }
        }
    }

    @Test
    void authenticatesWithNoMethodWhenTorRequiresNone() throws Exception {
        Optional<Path> bin = TestTor.find();
        assumeTrue(bin.isPresent(), "tor binary not installed");
        try (TestTor tor = TestTor.start(bin.get(), tmp.resolve("tor"), List.of("--CookieAuthentication", "0"))) {
            try (TorControlClient c = TorControlClient.connect(tor.controlAddress(), Duration.ofSeconds(10),
                    new SecureRandom())) {
                assertThat(c.protocolInfo().authMethods()).contains("NULL");
                c.authenticate(new TorAuth.None());
                assertThat(c.addOnion(OnionRequest.ephemeral(new java.net.InetSocketAddress("127.0.0.1", 5222)))
                        .serviceId()).hasSize(56);
            }
        }
    }
}
