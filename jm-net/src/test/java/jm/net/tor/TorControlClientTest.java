package jm.net.tor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import jm.net.testing.TestTor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real {@code tor} with networking disabled (skipped when tor is not installed). */
class TorControlClientTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final InetSocketAddress TARGET = new InetSocketAddress("127.0.0.1", 40_999);
    @TempDir
    static Path tmp;
    private static TestTor tor;

    @BeforeAll
    static void startTor() throws Exception {
        Optional<Path> bin = TestTor.find();
        assumeTrue(bin.isPresent(), "tor binary not installed");
        tor = TestTor.start(bin.get(), tmp.resolve("tor"), List.of("--CookieAuthentication", "1"));
    }

    @AfterAll
    static void stopTor() throws Exception {
        if (tor != null) {
            tor.close();
        }
    }

    private static TorControlClient client() throws Exception {
        return TorControlClient.connect(tor.controlAddress(), Duration.ofSeconds(10), RANDOM);
    }

    @Test
    void protocolInfoAnnouncesCookieMethodsFileAndVersion() throws Exception {
        try (TorControlClient c = client()) {
            ProtocolInfo info = c.protocolInfo();
            assertThat(info.authMethods()).contains("COOKIE", "SAFECOOKIE");
            assertThat(info.cookieFile()).isPresent();
            assertThat(Files.size(info.cookieFile().get())).isEqualTo(32);
            assertThat(info.version().atLeast(new TorVersion(0, 4, 0, 0))).isTrue();
        }
    }

    @Test
    void authenticatesWithSafeCookieAndCreatesAnEphemeralOnionOffline() throws Exception {
        try (TorControlClient c = client()) {
            c.authenticate(new TorAuth.Cookie(Optional.empty()));
            OnionService s = c.addOnion(OnionRequest.ephemeral(TARGET));
            assertThat(s.serviceId()).matches("[a-z2-7]{56}");
            assertThat(s.key()).isEmpty();
            assertThat(s.locationString()).isEqualTo(s.serviceId() + ".onion:5222");
            assertThat(c.getInfo("onions/current")).contains(s.serviceId());
            c.delOnion(s.serviceId());
            assertThat(c.getInfo("onions/current")).doesNotContain(s.serviceId());
        }
    }

    @Test
    void authenticatesWithPlainCookieWhenSafeCookieIsNotUsed() throws Exception {
        try (TorControlClient c = client()) {
            ProtocolInfo info = c.protocolInfo();
            // Force the COOKIE method by sending the raw cookie.
            byte[] cookie = Files.readAllBytes(info.cookieFile().get());
            c.command("AUTHENTICATE " + java.util.HexFormat.of().formatHex(cookie));
            assertThat(c.getInfo("version")).isNotBlank();
        }
    }

    @Test
    void autoAuthPicksTheCookieTorOffers() throws Exception {
        try (TorControlClient c = client()) {
            c.authenticate(new TorAuth.Auto(Optional.empty(), Optional.empty()));
            assertThat(c.getInfo("version")).isNotBlank();
        }
    }

    @Test
    void rejectsAWrongCookieFileBeforeSendingAnything() throws Exception {
        Path fake = tmp.resolve("fake-cookie");
        Files.write(fake, new byte[32]);
        try (TorControlClient c = client()) {
            assertThatThrownBy(() -> c.authenticate(new TorAuth.Cookie(Optional.of(fake))))
                    .isInstanceOf(TorControlException.class)
                    .hasMessageContaining("SERVERHASH");
        }
    }

    @Test
    void refusesCommandsBeforeAuthentication() throws Exception {
        try (TorControlClient c = client()) {
            assertThatThrownBy(() -> c.addOnion(OnionRequest.ephemeral(TARGET)))
                    .isInstanceOf(TorControlException.class)
                    .satisfies(e -> assertThat(((TorControlException) e).status()).isEqualTo(514));
        }
    }

    @Test
    void reAddingFromTheSavedKeyGivesTheSameAddress() throws Exception {
        Path keyFile = tmp.resolve("keys").resolve("onion.key");
        String first;
        try (TorControlClient c = client()) {
            c.authenticate(new TorAuth.Cookie(Optional.empty()));
            OnionService s = c.addOnion(OnionRequest.newPersistent(TARGET));
            assertThat(s.key()).isPresent();
            assertThat(s.key().get().toString()).doesNotContain("ED25519-V3:");
            s.key().get().save(keyFile);
            first = s.serviceId();
        }
        assertThat(Files.getPosixFilePermissions(keyFile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        try (TorControlClient c = client()) {
            c.authenticate(new TorAuth.Cookie(Optional.empty()));
            OnionService again = c.addOnion(OnionRequest.fromKey(OnionServiceKey.load(keyFile), TARGET));
            assertThat(again.serviceId()).isEqualTo(first);
        }
    }

    @Test
    void closingTheControlConnectionRemovesItsServices() throws Exception {
        OnionServiceKey key;
        try (TorControlClient owner = client()) {
            owner.authenticate(new TorAuth.Cookie(Optional.empty()));
            OnionService s = owner.addOnion(OnionRequest.newPersistent(TARGET));
            key = s.key().orElseThrow();
            // While the owner holds it, the same key collides.
            try (TorControlClient other = client()) {
                other.authenticate(new TorAuth.Cookie(Optional.empty()));
                assertThatThrownBy(() -> other.addOnion(OnionRequest.fromKey(key, TARGET)))
                        .isInstanceOf(TorControlException.class);
            }
        }
        // After the owner closed (DEL_ONION on close), the key is free again.
        try (TorControlClient c = client()) {
            c.authenticate(new TorAuth.Cookie(Optional.empty()));
            assertThat(c.addOnion(OnionRequest.fromKey(key, TARGET)).serviceId()).hasSize(56);
        }
    }

    @Test
    void sendsProofOfWorkParametersWhenTorSupportsThem() throws Exception {
        try (TorControlClient c = client()) {
            c.authenticate(new TorAuth.Cookie(Optional.empty()));
            OnionService s = c.addOnion(OnionRequest.ephemeral(TARGET)
                    .withPow(new OnionRequest.PowDefense(250, 2500)));
            assertThat(s.serviceId()).matches("[a-z2-7]{56}");
        }
    }
}
