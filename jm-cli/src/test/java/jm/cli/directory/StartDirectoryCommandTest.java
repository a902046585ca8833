package jm.cli.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jm.cli.Main;
import jm.cli.common.ConfigException;
import jm.cli.common.JmConfig;
import jm.directory.config.DirectoryConfig;
import jm.directory.config.NickAuthMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(60)
class StartDirectoryCommandTest {
    @TempDir
    Path dir;

    /** {@code jm directory start} with these arguments parsed, not run. */
    static StartDirectoryCommand parsed(String... args) {
        StartDirectoryCommand cmd = new StartDirectoryCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd;
    }

    @Test
    void helpDocumentsEveryOption() {
        CommandLine cl = new CommandLine(new Main());
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("directory", "start", "--help")).isZero();
        String help = out.toString();
        CommandLine start = cl.getSubcommands().get("directory").getSubcommands().get("start");
        for (CommandLine.Model.OptionSpec o : start.getCommandSpec().options()) {
            assertThat(help).contains(o.longestName());
            assertThat(o.description()).as(o.longestName()).isNotEmpty();
        }
        assertThat(help).contains("--network", "--local", "--host", "--port", "--data-dir", "--max-peers", "--motd");
    }

    @Test
    void flagsBeatEnvironmentBeatsConfigFile() throws Exception {
        Files.writeString(dir.resolve("config.toml"), """
                [directory]
                max_peers = 50
                motd = "from file"
                message_rate_limit = 100
                [network]
                network = "signet"
                """);
        StartDirectoryCommand cmd = parsed("--data-dir", dir.toString(), "--local", "--max-peers", "70");
        JmConfig cfg = cmd.common.config(Map.of("DIRECTORY__MESSAGE_RATE_LIMIT", "200"));
        DirectoryConfig c = cmd.resolve(cfg, dir);
        assertThat(c.maxPeers()).isEqualTo(70);
        assertThat(c.messageRateLimit()).isEqualTo(200);
        assertThat(c.motd()).isEqualTo("from file");
        assertThat(c.networkName()).isEqualTo("signet");
        assertThat(c.localMode()).isTrue();
        assertThat(c.heartbeatEvictAfter().toSeconds()).isEqualTo(1_500);
    }

    @Test
    void rejectsInvalidValuesNamingTheKey() {
        StartDirectoryCommand cmd = parsed("--data-dir", dir.toString(), "--local", "--network", "moonnet");
        assertThatThrownBy(() -> cmd.resolve(cmd.common.config(Map.of()), dir))
                .isInstanceOf(ConfigException.class).hasMessageContaining("network");
        StartDirectoryCommand cmd2 = parsed("--data-dir", dir.toString(), "--local");
        assertThatThrownBy(() -> cmd2.resolve(cmd2.common.config(Map.of("DIRECTORY__MAX_PEERS", "lots")), dir))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max_peers");
    }

    @Test
    void nickAuthenticationIsOnByDefaultAndConfigurable() throws Exception {
        StartDirectoryCommand cmd = parsed("--network", "regtest", "--local", "--host", "127.0.0.1", "--port", "0",
                "--health-port", "-1", "--data-dir", dir.toString());
        try (StartDirectoryCommand.Running running = cmd.startNode(Map.of())) {
            assertThat(running.server().node().nickAuthMode()).isEqualTo(NickAuthMode.PREFER_VERIFIED);
            assertThat(running.server().node().directoryId()).isEqualTo("127.0.0.1:" + running.server().port());
        }
        try (StartDirectoryCommand.Running running = cmd.startNode(Map.of(
                "DIRECTORY_SERVER__NICK_AUTH_MODE", "require_verified",
                "DIRECTORY_SERVER__NICK_AUTH_DIRECTORY_ID", "dir.example:5222"))) {
            assertThat(running.server().node().nickAuthMode()).isEqualTo(NickAuthMode.REQUIRE_VERIFIED);
            assertThat(running.server().node().directoryId()).isEqualTo("dir.example:5222");
        }
        assertThatThrownBy(() -> cmd.startNode(Map.of("DIRECTORY_SERVER__NICK_AUTH_MODE", "sometimes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nick_auth_mode");
        assertThatThrownBy(() -> cmd.startNode(Map.of("DIRECTORY_SERVER__NICK_AUTH_DIRECTORY_ID", "Bad Id")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nick_auth_directory_id");
    }

    @Test
    void startsInLocalModeAndAcceptsAHandshake() throws Exception {
        StartDirectoryCommand cmd = parsed("--network", "regtest", "--local", "--host", "127.0.0.1", "--port", "0",
                "--health-port", "0", "--data-dir", dir.toString());
        try (StartDirectoryCommand.Running running = cmd.startNode(Map.of());
             Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", running.server().port()), 5_000);
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(("{\"type\": 793, \"line\": \"{\\\"app-name\\\": \\\"joinmarket\\\", \\\"directory\\\": false, "
                    + "\\\"location-string\\\": \\\"NOT-SERVING-ONION\\\", \\\"proto-ver\\\": 5, \\\"features\\\": {}, "
                    + "\\\"nick\\\": \\\"J5AAAAAAAAAAAAAA\\\", \\\"network\\\": \\\"regtest\\\"}\"}\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(answer).startsWith("{\"type\": 795,").contains("\\\"accepted\\\": true");
        }
    }
}
