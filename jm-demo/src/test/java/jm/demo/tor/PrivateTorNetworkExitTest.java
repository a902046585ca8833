package jm.demo.tor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a tor that exited during the start is explained, and when the start picks other ports. */
class PrivateTorNetworkExitTest {
    @TempDir
    Path dir;

    private void log(String node, String text) throws IOException {
        Files.createDirectories(dir.resolve(node));
        Files.writeString(dir.resolve(node).resolve("stdout.log"), text);
    }

    @Test
    void aFailedBindIsAPortTakenInTheMeantime() throws IOException {
        log("a0", "Dec 06 08:53:57.031 [notice] Opening Socks listener on 127.0.0.1:54033\n");
        // tor 0.4.9's own lines when a listener port is taken
        log("r3", "Dec 06 08:53:57.031 [notice] Opening Socks listener on 127.0.0.1:54033\n"
                + "Dec 06 08:53:57.033 [warn] Could not bind to 127.0.0.1:54033: Address already in use. Is Tor "
                + "already running?\n"
                + "Dec 06 08:53:57.033 [err] Reading config failed--see warnings above.\n");

        IOException e = PrivateTorNetwork.exited(dir, 1);

        assertThat(e).isInstanceOf(PrivateTorNetwork.PortTakenException.class)
                .hasMessageContaining("exited (code 1)")
                .hasMessageContaining("r3: [warn] Could not bind to 127.0.0.1:54033: Address already in use");
    }

    @Test
    void anyOtherErrorIsNamedAndNotRetried() throws IOException {
        log("c5", "Dec 06 08:53:57.033 [err] Reading config failed--see warnings above.\n");

        IOException e = PrivateTorNetwork.exited(dir, 1);

        assertThat(e).isNotInstanceOf(PrivateTorNetwork.PortTakenException.class)
                .hasMessageEndingWith("c5: [err] Reading config failed--see warnings above.");
    }

    @Test
    void withoutLogsTheExitCodeAndWhereToLookAreStillSaid() {
        IOException e = PrivateTorNetwork.exited(dir.resolve("missing"), 3);

        assertThat(e).isNotInstanceOf(PrivateTorNetwork.PortTakenException.class)
                .hasMessage("a tor process of the private network exited (code 3); logs in " + dir.resolve("missing"));
    }
}
