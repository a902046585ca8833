package jm.net.tor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Base64;
import jm.net.transport.SocksProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnionServiceKeyTest {
    @TempDir
    Path tmp;

    private static String blob(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return "ED25519-V3:" + Base64.getEncoder().encodeToString(b);
    }

    @Test
    void savesWithOwnerOnlyPermissionsAndLoadsTheSameKey() throws IOException {
        OnionServiceKey key = OnionServiceKey.parse(blob(64));
        Path file = tmp.resolve("sub").resolve("onion.key");
        key.save(file);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(OnionServiceKey.load(file)).isEqualTo(key);
        key.save(file); // overwrite keeps working and stays private
        assertThat(Files.getPosixFilePermissions(file)).doesNotContain(PosixFilePermission.GROUP_READ,
                PosixFilePermission.OTHERS_READ);
    }

    @Test
    void neverShowsTheSecretInToString() throws IOException {
        String b = blob(64);
        assertThat(OnionServiceKey.parse(b).toString()).doesNotContain(b.substring(11, 30)).contains("redacted");
        assertThat(new TorAuth.Password("hunter2").toString()).doesNotContain("hunter2");
        assertThat(SocksProxy.noAuth(new InetSocketAddress("127.0.0.1", 9050)).withCredentials("u", "secretpw")
                .toString()).doesNotContain("secretpw");
    }

    @Test
    void rejectsKeysOfTheWrongTypeLengthOrEncoding() {
        assertThatThrownBy(() -> OnionServiceKey.parse(blob(32))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> OnionServiceKey.parse("RSA1024:" + blob(64).substring(11)))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> OnionServiceKey.parse("ED25519-V3:!!!")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> OnionServiceKey.parse(null)).isInstanceOf(IOException.class);
    }

    @Test
    void isolatesStreamsByPurposeAndProcess() {
        SocksProxy tor = SocksProxy.noAuth(new InetSocketAddress("127.0.0.1", 9050));
        StreamIsolation one = StreamIsolation.random(new SecureRandom());
        StreamIsolation two = StreamIsolation.random(new SecureRandom());
        SocksProxy dir = one.forPurpose(tor, StreamIsolation.Purpose.DIRECTORY);
        SocksProxy peer = one.forPurpose(tor, StreamIsolation.Purpose.PEER);
        assertThat(dir.username()).isEqualTo("jm-directory");
        assertThat(peer.username()).isEqualTo("jm-peer");
        assertThat(dir.password()).isEqualTo(peer.password());
        assertThat(two.forPurpose(tor, StreamIsolation.Purpose.DIRECTORY).password()).isNotEqualTo(dir.password());
        assertThat(one.forDestination(tor, StreamIsolation.Purpose.DIRECTORY, "x.onion:5222").username())
                .isEqualTo("jm-directory-x.onion:5222");
        assertThat(one.toString()).doesNotContain(dir.password());
    }
}
