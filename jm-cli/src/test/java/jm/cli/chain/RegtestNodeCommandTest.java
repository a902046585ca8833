package jm.cli.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jm.chain.rpc.RpcAuth;
import jm.chain.rpc.RpcClient;
import jm.chain.rpc.RpcConfig;
import jm.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RegtestNodeCommandTest {
    @TempDir
    Path dataDir;

    @Test
    void startServesRpcWithCookieUntilStopped() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path nodeDir = RegtestNodeCommand.nodeDir(dataDir);
        Files.createDirectories(nodeDir);
        // a stale cookie: the client retries while the node starts, then re-reads the new cookie on 401
        Files.writeString(nodeDir.resolve(".cookie"), "__cookie__:stale");
        StringWriter out = new StringWriter();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            CommandLine cl = new CommandLine(new Main());
            cl.setOut(new PrintWriter(out, true));
            return cl.execute("regtest-node", "start", "--rpc-port", String.valueOf(port), "--data-dir",
                    dataDir.toString());
        });
        RpcClient rpc = new RpcClient(new RpcConfig(URI.create("http://127.0.0.1:" + port + "/"),
                new RpcAuth.CookieFile(nodeDir.resolve(".cookie")), "x", Duration.ofSeconds(10)), 60,
                Duration.ofMillis(100));
        assertThat(rpc.call("getblockcount").asInt()).isZero();
        assertThat(Files.readString(nodeDir.resolve(".cookie"))).startsWith("__cookie__:").isNotEqualTo(
                "__cookie__:stale");
        assertThat(rpc.call("stop").asText()).isEqualTo("Bitcoin Core stopping");
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).contains("regtest node: rpc http://127.0.0.1:" + port);
    }

    @Test
    void aSecondStartOnTheSameDataDirIsRefusedNamingTheHolder() throws Exception {
        Path nodeDir = RegtestNodeCommand.nodeDir(dataDir);
        try (jm.chain.regtest.RegtestNode running = jm.chain.regtest.RegtestNode.start(nodeDir, 0)) {
            String cookie = Files.readString(running.cookieFile());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(new Main());
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute("regtest-node", "start", "--rpc-port", "0", "--data-dir", dataDir.toString());
            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).startsWith("error: regtest node data directory " + nodeDir)
                    .contains("in use by process " + ProcessHandle.current().pid());
            assertThat(out.toString()).isEmpty();
            assertThat(Files.readString(running.cookieFile())).isEqualTo(cookie);
        }
    }
}
