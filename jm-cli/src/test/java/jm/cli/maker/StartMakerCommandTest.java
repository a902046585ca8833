package jm.cli.maker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import jm.chain.regtest.RegtestNode;
import jm.core.Sats;
import jm.directory.server.DirectoryServer;
import jm.wallet.Wallet;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.BitcoinNetwork;
import org.junit.jupiter.api.AfterEach;
import jm.cli.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import jm.cli.testing.Fixtures;

@Timeout(120)
class StartMakerCommandTest {
    @TempDir
    Path dir;
    RegtestNode node;
    DirectoryServer directory;

    @AfterEach
    void tearDown() {
        if (directory != null) {
            directory.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void startsPrintsSummaryAndStopsGracefully() throws Exception {
        node = RegtestNode.start(dir.resolve("node"), 0);
        directory = Fixtures.localDirectory("testnet");
        Path data = dir.resolve("data");
        Wallet w = Fixtures.regtestWallet(data, "wallet");
        node.fund(AddressParser.getDefault(BitcoinNetwork.REGTEST).parseAddress(w.depositAddress(0).address()),
                Sats.of(3_000_000));
        w.close();
        node.mine(1, null);
        Files.writeString(data.resolve("config.toml"), String.join("\n",
                "[bitcoin]",
                "rpc_url = \"" + node.rpcUrl() + "\"",
                "rpc_cookie_file = \"" + node.cookieFile() + "\"",
                "[messaging]",
                "directory_nodes = [\"127.0.0.1:" + directory.port() + "\"]",
                "[maker]",
                "cjfee_r = \"0.0002\"",
                "txfee_contribution = 10",
                ""));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = maker(out, err, "start", "--data-dir", data.toString(), "--run-for", "2", "--minsize", "200000");
        assertThat(rc).as(err.toString()).isZero();
        String s = out.toString();
        assertThat(s).contains("syncing wallet 'wallet'");
        assertThat(s).containsPattern("maker J5\\w{14} running");
        assertThat(s).contains("offer: sw0reloffer 0 200000 ");
        assertThat(s).contains(" 10 0.0002");
        assertThat(s).contains("(live: 1)");
        assertThat(s).contains("directories: [127.0.0.1:" + directory.port() + "]");
        assertThat(s).containsPattern("direct connections: 127\\.0\\.0\\.1:\\d+ \\(local mode\\)");
        assertThat(s).contains("stopping: withdrawing offers");
        assertThat(s).contains("stopped; CoinJoins signed: 0");
        // the reference's names ([messaging] directory_nodes, cjfee_r, txfee_contribution) are aliases, not typos
        assertThat(err.toString()).doesNotContain("unknown key");
        // the nick state file is removed on stop
        assertThat(data.resolve("state").resolve("maker.nick")).doesNotExist();
    }

    @Test
    void failsWithAClearMessageWithoutDirectories() throws Exception {
        Path data = dir.resolve("data2");
        Fixtures.regtestWallet(data, "wallet").close();
        Cli.Run r = Cli.jm(Cli.PASSWORD_PW, "maker", "start", "--data-dir", data.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no directory");
    }

    @Test
    void saysWhichDirectoryRefusedItAndWhyAndStops() throws Exception {
        node = RegtestNode.start(dir.resolve("node"), 0);
        directory = Fixtures.localDirectory("testnet");
        Path data = dir.resolve("data3");
        Fixtures.regtestWallet(data, "wallet").close();
        Files.writeString(data.resolve("config.toml"), String.join("\n",
                "[network]",
                "network = \"regtest\"",
                "directory_servers = [\"127.0.0.1:" + directory.port() + "\"]",
                "[bitcoin]",
                "rpc_url = \"" + node.rpcUrl() + "\"",
                "rpc_cookie_file = \"" + node.cookieFile() + "\"",
                ""));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = maker(out, err, "start", "--data-dir", data.toString(), "--run-for", "1");
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString()).contains("error: every directory refused us: directory 127.0.0.1:"
                + directory.port() + " runs testnet, we announce regtest");
        assertThat(out.toString()).doesNotContain("running");
    }

    /** Runs {@code jm maker ...} with the wallet password in the environment. */
    static int maker(StringWriter out, StringWriter err, String... args) {
        return Cli.jm(Cli.PASSWORD_PW, Cli.prefixed("maker", args)).into(out, err);
    }
}
