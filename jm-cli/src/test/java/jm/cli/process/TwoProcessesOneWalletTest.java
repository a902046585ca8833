package jm.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jm.chain.regtest.RegtestNode;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.wallet.Wallet;
import jm.wallet.WalletStorage;
import jm.wallet.keys.Branch;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.Sha256Hash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import jm.cli.testing.Fixtures;

/**
 * Two real {@code jm} processes on one wallet (issue 12, item 1): a writer holds the wallet's
 * lock, a second writer is refused with the holder's command and pid, a reader works alongside
 * and writes nothing, records written between runs survive the next writer's saves, and a
 * {@code kill -9} never leaves the wallet locked. Also the confirmation of {@code jm wallet send}
 * shows exactly what it spends (item 2).
 */
@Timeout(240)
class TwoProcessesOneWalletTest {
    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    RegtestNode node;
    final List<JmProcess> processes = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (JmProcess p : processes) {
            p.close();
        }
        if (node != null) {
            node.close();
        }
    }

    JmProcess jm(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dir.resolve("data").toString(), "-w", "w", "--password-file",
                dir.resolve("pw").toString()));
        JmProcess p = JmProcess.start(dir.resolve("logs"), Map.of("JM_LOG_LEVEL", "WARN"), all.toArray(String[]::new));
        processes.add(p);
        return p;
    }

    String[] node(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--rpc-url", node.rpcUrl().toString(), "--rpc-cookie", node.cookieFile().toString()));
        return all.toArray(String[]::new);
    }

    @Test
    void oneWriterAtATimeReadersAlongsideAndNothingWrittenByOneIsLostByTheNext() throws Exception {
        node = RegtestNode.start(dir.resolve("node"), 0);
        Files.writeString(dir.resolve("pw"), "pw\n");
        Path data = dir.resolve("data");
        OutPoint small;
        try (Wallet w = Fixtures.regtestWallet(data, "w")) {
            var p = AddressParser.getDefault(BitcoinNetwork.REGTEST);
            Sha256Hash t1 = node.fund(p.parseAddress(w.freshAddress(0, Branch.EXTERNAL).address()), Sats.of(1_000_000));
            node.fund(p.parseAddress(w.freshAddress(0, Branch.EXTERNAL).address()), Sats.of(2_000_000));
            small = locate(t1);
        }
        node.mine(1, null);
        String to = node.faucetAddress().toString();
        Path state = WalletStorage.inDataDir(data).stateFile("w");

        // a writer waits at its confirmation question, holding the lock
        JmProcess send = jm(node("wallet", "send", "-m", "0", "--to", to, "--amount", "300000", "--fee-rate", "2"));
        send.awaitOutput("Broadcast this transaction? [y/N]", WAIT);
        String shown = send.stdout();
        long fee = number(shown, "fee (\\d+) sats");
        long change = number(shown, "change (\\d+) sats back to");
        long spent = number(shown, "spending 1 coin\\(s\\) of mixdepth 0, (\\d+) sats");
        assertThat(shown).contains("Pay 300000 sats");
        assertThat(300_000 + fee + change).isEqualTo(spent);
        assertThat(shown).contains("leaves the wallet: " + (300_000 + fee) + " sats");

        // a second writer is refused, naming the holder
        JmProcess freeze = jm("wallet", "freeze", small.toWire());
        assertThat(freeze.awaitExit(WAIT)).isEqualTo(1);
        assertThat(freeze.stderr()).contains("error: wallet 'w' is in use by jm wallet send (pid " + send.pid() + ")");

        // a reader works alongside and writes nothing
        byte[] before = Files.readAllBytes(state);
        JmProcess info = jm(node("wallet", "info", "--coins", "--json"));
        assertThat(info.awaitExit(WAIT)).as(info.stderr()).isZero();
        assertThat(info.stderr()).contains("showing it read-only");
        JsonNode j = new ObjectMapper().readTree(info.stdout());
        assertThat(j.get("readOnly").asBoolean()).isTrue();
        assertThat(j.get("coins")).hasSize(2);
        assertThat(Files.readAllBytes(state)).isEqualTo(before);

        send.answer("n");
        assertThat(send.awaitExit(WAIT)).isEqualTo(1);
        assertThat(send.stdout()).contains("not broadcast");

        // now the freeze goes through; the next writer's saves keep it and never spend that coin
        JmProcess freeze2 = jm("wallet", "freeze", small.toWire());
        assertThat(freeze2.awaitExit(WAIT)).as(freeze2.stderr()).isZero();
        // kill -9 of the holder: the operating system releases the lock (the sweep below gets it)
        JmProcess killed = jm(node("wallet", "send", "-m", "0", "--to", to, "--amount", "300000", "--fee-rate", "2"));
        killed.awaitOutput("Broadcast this transaction? [y/N]", WAIT);
        killed.kill9();
        JmProcess sweep = jm(node("wallet", "send", "-m", "0", "--to", to, "--sweep", "--fee-rate", "2", "--yes",
                "--json"));
        assertThat(sweep.awaitExit(WAIT)).as(sweep.stderr()).isZero();
        JsonNode sent = new ObjectMapper().readTree(sweep.stdout());
        assertThat(sent.get("inputs")).hasSize(1);
        assertThat(sent.get("inputs").get(0).asText()).isNotEqualTo(small.toWire());
        assertThat(Files.readString(state)).contains("\"ref\":\"" + small.toWire() + "\",\"spendable\":false");

        JmProcess unfreeze = jm("wallet", "unfreeze", small.toWire());
        assertThat(unfreeze.awaitExit(WAIT)).as(unfreeze.stderr()).isZero();
        assertThat(Files.readString(state)).doesNotContain("spendable");
    }

    private OutPoint locate(Sha256Hash txid) throws Exception {
        try (var b = new jm.chain.rpc.BitcoinCoreBackend(jm.chain.rpc.RpcConfig.of(node.rpcUrl(),
                new jm.chain.rpc.RpcAuth.CookieFile(node.cookieFile()), "probe"))) {
            var tx = org.bitcoinj.core.Transaction.read(java.nio.ByteBuffer.wrap(b.getRawTransaction(txid).orElseThrow()));
            for (int i = 0; i < tx.getOutputs().size(); i++) {
                if (tx.getOutput(i).getValue().value == 1_000_000) {
                    return new OutPoint(txid, i);
                }
            }
        }
        throw new AssertionError("funding output not found");
    }

    static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return Long.parseLong(m.group(1));
    }
}
