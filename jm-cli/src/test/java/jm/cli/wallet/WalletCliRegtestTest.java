package jm.cli.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jm.chain.regtest.RegtestNode;
import jm.cli.Main;
import jm.core.Sats;
import org.bitcoinj.base.AddressParser;
import org.bitcoinj.base.BitcoinNetwork;
import org.junit.jupiter.api.BeforeEach;
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

    /** The wallets' password file ("pw"). */
    Path pw;

    @BeforeEach
    void writePasswordFile() throws Exception {
        pw = dir.resolve("pw");
        Files.writeString(pw, "pw\n");
    }

    /** {@code jm wallet import} of the {@link #ABOUT} mnemonic as regtest wallet {@code name} (cheap KDF). */
    void importAbout(String name) throws Exception {
        ok(ABOUT + "\n", args(null, pw, "wallet", "import", "-w", name, "--network", "regtest", "--mnemonic-stdin",
                "--kdf-memory-kib", "64", "--kdf-iterations", "1", "--json"));
    }

    jm.cli.testing.Cli.Run run(String stdin, String... args) {
        return jm.cli.testing.Cli.jm(jm.cli.testing.Cli.stdin(stdin), args);
    }

    JsonNode ok(String stdin, String... args) throws Exception {
        jm.cli.testing.Cli.Run r = run(stdin, args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void infoSendAndHistoryWorkAgainstTheNode() throws Exception {
        try (RegtestNode node = RegtestNode.start(dir.resolve("node"), 0)) {
            importAbout("r");
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
        try (RegtestNode node = RegtestNode.start(dir.resolve("node"), 0)) {
            importAbout("q");
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

    /** 2027-01-01, the first of the month the test bond is locked until. */
    static final long BOND_LOCKTIME = 1_798_761_600L;

    @Test
    void bondIsListedValuedRefusedBeforeItsLocktimeAndSpentAfter() throws Exception {
        com.sun.net.httpserver.HttpServer obwatch = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 4);
        // another maker's bond, as an obwatch's orderbook.json lists it
        byte[] book = ("{\"offers\": [], \"fidelitybonds\": [{\"counterparty\": \"J5other\", \"utxo\": {\"txid\": \""
                + "aa".repeat(32) + "\", \"vout\": 1}, \"bond_value\": 1.0e8, \"locktime\": 1830297600}]}")
                .getBytes(StandardCharsets.UTF_8);
        obwatch.createContext("/orderbook.json", x -> {
            x.sendResponseHeaders(200, book.length);
            x.getResponseBody().write(book);
            x.close();
        });
        obwatch.start();
        try (RegtestNode node = RegtestNode.start(dir.resolve("node"), 0);
             var chain = new jm.chain.rpc.BitcoinCoreBackend(jm.chain.rpc.RpcConfig.of(node.rpcUrl(),
                     new jm.chain.rpc.RpcAuth.CookieFile(node.cookieFile()), "probe"))) {
            node.advanceMedianTimePast(BOND_LOCKTIME - 2 * 86_400);
            importAbout("b");
            JsonNode addr = ok(null, args(null, pw, "wallet", "bond-address", "-w", "b", "--lock", "2027-01", "--json"));
            assertThat(addr.get("locktime").asLong()).isEqualTo(BOND_LOCKTIME);
            node.fund(AddressParser.getDefault(BitcoinNetwork.REGTEST).parseAddress(addr.get("address").asText()),
                    new Sats(3_000_000));
            node.mine(2, null);

            String url = "http://127.0.0.1:" + obwatch.getAddress().getPort() + "/orderbook.json";
            JsonNode bonds = ok(null, args(node, pw, "wallet", "bonds", "-w", "b", "--json", "--orderbook-url", url));
            assertThat(bonds.get("bonds")).hasSize(1);
            JsonNode b = bonds.get("bonds").get(0);
            long mtp = chain.tipMedianTime();
            long confirmedAt = chain.blockTime(chain.tipHeight() - 1);
            double value = jm.core.bond.BondValue.value(3_000_000, confirmedAt, BOND_LOCKTIME, mtp);
            assertThat(b.get("amount").asLong()).isEqualTo(3_000_000);
            assertThat(b.get("locktime").asLong()).isEqualTo(BOND_LOCKTIME);
            assertThat(b.get("address").asText()).isEqualTo(addr.get("address").asText());
            assertThat(b.get("confirmations").asInt()).isEqualTo(2);
            assertThat(b.get("confirmationTime").asLong()).isEqualTo(confirmedAt);
            assertThat(b.get("expired").asBoolean()).isFalse();
            assertThat(b.get("value").asDouble()).isEqualTo(value);
            assertThat(b.get("bondWeightedShare").asDouble()).isCloseTo(value / (value + 1.0e8),
                    org.assertj.core.api.Assertions.within(1e-12));
            assertThat(ok(null, args(node, pw, "wallet", "bonds", "-w", "b", "--json", "--no-orderbook"))
                    .get("bonds").get(0).has("bondWeightedShare")).isFalse();
            var text = run(null, args(node, pw, "wallet", "bonds", "-w", "b", "--no-orderbook"));
            assertThat(text.out()).contains(b.get("utxo").asText()).contains("locked until  2027-01-01T00:00:00Z");

            var early = run(null, args(node, pw, "wallet", "spend-bond", "-w", "b", "--bond", b.get("utxo").asText(),
                    "--to-mixdepth", "2", "--fee-rate", "2", "--yes"));
            assertThat(early.code()).isEqualTo(1);
            assertThat(early.err()).contains("is locked until 2027-01-01T00:00:00Z").contains("in about 2 days");

            node.advanceMedianTimePast(BOND_LOCKTIME + 1);
            JsonNode spent = ok(null, args(node, pw, "wallet", "spend-bond", "-w", "b", "--bond",
                    b.get("utxo").asText(), "--to-mixdepth", "2", "--fee-rate", "2", "--yes", "--json"));
            assertThat(spent.get("broadcast").asBoolean()).isTrue();
            assertThat(spent.get("locktime").asLong()).isEqualTo(BOND_LOCKTIME);
            assertThat(spent.get("amount").asLong() + spent.get("fee").asLong()).isEqualTo(3_000_000);
            node.mine(1, null);
            JsonNode info = ok(null, args(node, pw, "wallet", "info", "-w", "b", "--json"));
            assertThat(info.get("mixdepths").get(2).get("confirmed").asLong()).isEqualTo(spent.get("amount").asLong());
            assertThat(ok(null, args(node, pw, "wallet", "bonds", "-w", "b", "--json", "--no-orderbook"))
                    .get("bonds")).isEmpty();
        } finally {
            obwatch.stop(0);
        }
    }
}
