package jm.cli.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import jm.chain.regtest.RegtestNode;
import jm.chain.rpc.RpcAuth;
import jm.chain.rpc.RpcClient;
import jm.chain.rpc.RpcConfig;
import jm.cli.Main;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.SegwitAddress;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RegtestCommandTest {
    @TempDir
    Path dataDir;
    RegtestNode node;
    RpcClient rpc;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        node = RegtestNode.start(RegtestNodeCommand.nodeDir(dataDir), 0);
        rpc = new RpcClient(new RpcConfig(node.rpcUrl(), new RpcAuth.CookieFile(node.cookieFile()), "faucet",
                Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private int jm(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void minesBlocksToTheFaucetUsingTheCookieInTheDataDirectory() {
        int code = jm("regtest", "mine", "3", "--rpc-url", node.rpcUrl().toString(), "--data-dir", dataDir.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(node.height()).isEqualTo(3);
        assertThat(out.toString()).contains("mined 3 block(s) to " + node.faucetAddress());
    }

    @Test
    void minesToAGivenAddress() {
        String addr = SegwitAddress.fromHash(BitcoinNetwork.REGTEST, new ECKey().getPubKeyHash()).toString();
        assertThat(jm("regtest", "mine", "1", "--to", addr, "--rpc-url", node.rpcUrl().toString(),
                "--data-dir", dataDir.toString())).isZero();
        assertThat(out.toString()).contains("to " + addr);
    }

    @Test
    void fundsAnAddressFromTheFaucet() {
        String addr = SegwitAddress.fromHash(BitcoinNetwork.REGTEST, new ECKey().getPubKeyHash()).toString();
        int code = jm("regtest", "fund", addr, "150000", "--rpc-url", node.rpcUrl().toString(),
                "--data-dir", dataDir.toString());
        assertThat(code).as(err.toString()).isZero();
        String txid = out.toString().trim();
        assertThat(rpc.call("getrawmempool")).extracting(n -> n.asText()).containsExactly(txid);
        assertThat(rpc.call("getrawtransaction", txid, true).get("vout").get(0).get("value").decimalValue())
                .isEqualByComparingTo("0.0015");
    }

    @Test
    void reportsAnUnreachableNodeWithoutAStackTrace() {
        node.close();
        int code = jm("regtest", "mine", "1", "--to", node.faucetAddress().toString(), "--rpc-url",
                node.rpcUrl().toString(), "--data-dir", dataDir.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("unreachable");
    }

    @Test
    void rejectsAnInvalidAddress() {
        int code = jm("regtest", "fund", "notanaddress", "1000", "--rpc-url", node.rpcUrl().toString(),
                "--data-dir", dataDir.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("Invalid address");
    }
}
