package jm.cli.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jm.core.Network;
import jm.wallet.keys.Branch;
import jm.wallet.keys.HdKeys;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.keys.WalletType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletCliTest {
    static final String ABOUT =
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path pwFile;

    record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        pwFile = dir.resolve("pw");
        Files.writeString(pwFile, "correct horse\n");
    }

    Result run(String stdin, String... args) {
        jm.cli.testing.Cli.Run r = jm.cli.testing.Cli.jm(jm.cli.testing.Cli.stdin(stdin), args);
        return new Result(r.code(), r.out(), r.err());
    }

    List<String> withDataDir(String... args) {
        List<String> l = new ArrayList<>(List.of(args));
        l.add("--data-dir");
        l.add(dir.toString());
        return l;
    }

    @Test
    void addressesFromStdinPrintTheBip84VectorAsJson() throws Exception {
        Result r = run(ABOUT + "\n", "wallet", "addresses", "--mnemonic-stdin", "--network", "mainnet", "--count", "1",
                "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode arr = r.json();
        assertThat(arr.isArray()).isTrue();
        assertThat(arr).hasSize(1);
        JsonNode a = arr.get(0);
        assertThat(a.get("address").asText()).isEqualTo("bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu");
        assertThat(a.get("mixdepth").asInt()).isZero();
        assertThat(a.get("branch").asText()).isEqualTo("external");
        assertThat(a.get("index").asInt()).isZero();
        assertThat(a.get("path").asText()).isEqualTo("m/84'/0'/0'/0/0");
        assertThat(a.get("pubkey").asText()).hasSize(66);
        List<String> names = new ArrayList<>();
        a.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("mixdepth", "branch", "index", "path", "address", "pubkey");
    }

    @Test
    void addressesTakePassphraseFromTheNextLineAndAllSelectors() throws Exception {
        Result r = run(ABOUT + "\nTREZOR\n", "wallet", "addresses", "--mnemonic-stdin", "--network", "regtest",
                "--mixdepth", "3", "--branch", "internal", "--from", "5", "--count", "2", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        HdKeys keys = HdKeys.fromMnemonic(Mnemonic.parse(ABOUT), Passphrase.of("TREZOR"), Network.REGTEST,
                WalletType.P2WPKH);
        JsonNode arr = r.json();
        assertThat(arr).hasSize(2);
        assertThat(arr.get(1).get("address").asText()).isEqualTo(keys.address(3, Branch.INTERNAL, 6).address());
        assertThat(arr.get(1).get("path").asText()).isEqualTo("m/84'/1'/3'/1/6");
        assertThat(arr.get(1).get("branch").asText()).isEqualTo("internal");
    }

    @Test
    void badChecksumIsAOneLineErrorWithoutStackTrace() {
        Result r = run(ABOUT.replace("about", "abandon") + "\n", "wallet", "addresses", "--mnemonic-stdin",
                "--network", "mainnet", "--json");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: ").contains("checksum").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void generateThenOpenWithRightAndWrongPassword() throws Exception {
        Result g = run(null, withDataDir("wallet", "generate", "-w", "alice", "--network", "regtest",
                "--password-file", pwFile.toString(), "--kdf-memory-kib", "64", "--kdf-iterations", "1", "--json")
                .toArray(String[]::new));
        assertThat(g.code()).as(g.err()).isZero();
        String mnemonic = g.json().get("mnemonic").asText();
        assertThat(Mnemonic.parse(mnemonic).size()).isEqualTo(12);
        Path file = dir.resolve("wallets/alice.jmw");
        assertThat(Files.readString(file)).doesNotContain(mnemonic.split(" ")[0] + " " + mnemonic.split(" ")[1]);

        Result fromFile = run(null, withDataDir("wallet", "addresses", "-w", "alice", "--password-file",
                pwFile.toString(), "--count", "1", "--json").toArray(String[]::new));
        assertThat(fromFile.code()).as(fromFile.err()).isZero();
        Result fromWords = run(mnemonic + "\n", "wallet", "addresses", "--mnemonic-stdin", "--network", "regtest",
                "--count", "1", "--json");
        assertThat(fromFile.json().get(0).get("address")).isEqualTo(fromWords.json().get(0).get("address"));
        assertThat(g.json().get("firstAddress").asText()).isEqualTo(fromWords.json().get(0).get("address").asText());

        Path bad = dir.resolve("bad");
        Files.writeString(bad, "wrong horse\n");
        Result wrong = run(null, withDataDir("wallet", "addresses", "-w", "alice", "--password-file", bad.toString())
                .toArray(String[]::new));
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err().strip()).isEqualTo(
                "error: wrong password for wallet 'alice' (or the wallet file was modified)");

        Result again = run(null, withDataDir("wallet", "generate", "-w", "alice", "--network", "regtest",
                "--password-file", pwFile.toString()).toArray(String[]::new));
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");
    }

    @Test
    void importFromStdinKeepsThePassphraseOutOfTheFileUnlessAsked() throws Exception {
        Result imp = run(ABOUT + "\nsecret words\n", withDataDir("wallet", "import", "-w", "bob", "--network",
                "mainnet", "--mnemonic-stdin", "--password-file", pwFile.toString(), "--kdf-memory-kib", "64",
                "--kdf-iterations", "1", "--json").toArray(String[]::new));
        assertThat(imp.code()).as(imp.err()).isZero();
        assertThat(imp.json().has("mnemonic")).isFalse();
        assertThat(imp.json().get("passphraseStored").asBoolean()).isFalse();
        Path pp = dir.resolve("pp");
        Files.writeString(pp, "secret words\n");
        Result ok = run(null, withDataDir("wallet", "addresses", "-w", "bob", "--password-file", pwFile.toString(),
                "--passphrase-file", pp.toString(), "--count", "1", "--json").toArray(String[]::new));
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.json().get(0).get("address").asText()).isEqualTo(imp.json().get("firstAddress").asText());
        Result missing = run(null, withDataDir("wallet", "addresses", "-w", "bob", "--password-file",
                pwFile.toString(), "--count", "1").toArray(String[]::new));
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("passphrase does not match");
    }

    @Test
    void newWalletsFollowConfigTomlIncludingOldKeyNamesAndTyposAreReported() throws Exception {
        Files.writeString(dir.resolve("config.toml"), """
                [network]
                bitcoin_network = "regtest"
                [wallet]
                mixdepths = 3
                gap_limt = 5
                """);
        Result imp = run(ABOUT + "\n", withDataDir("wallet", "import", "-w", "cfg", "--mnemonic-stdin",
                "--password-file", pwFile.toString(), "--kdf-memory-kib", "64", "--kdf-iterations", "1", "--json")
                .toArray(String[]::new));
        assertThat(imp.code()).as(imp.err()).isZero();
        assertThat(imp.json().get("network").asText()).isEqualTo("regtest");
        assertThat(imp.json().get("mixdepths").asInt()).isEqualTo(3);
        assertThat(imp.err()).contains("unknown key [wallet] gap_limt").doesNotContain("mixdepths");
    }

    @Test
    void freezeAndUnfreezeNeedNoNode() throws Exception {
        Result imp = run(ABOUT + "\n", withDataDir("wallet", "import", "-w", "c", "--network", "regtest",
                "--mnemonic-stdin", "--password-file", pwFile.toString(), "--kdf-memory-kib", "64",
                "--kdf-iterations", "1").toArray(String[]::new));
        assertThat(imp.code()).as(imp.err()).isZero();
        String op = "ab".repeat(32) + ":1";
        Result f = run(null, withDataDir("wallet", "freeze", "-w", "c", "--password-file", pwFile.toString(), op,
                "--json").toArray(String[]::new));
        assertThat(f.code()).as(f.err()).isZero();
        assertThat(f.json().get("outpoints").get(0).asText()).isEqualTo(op);
        assertThat(Files.readString(dir.resolve("wallets/c.state.jsonl")))
                .contains("\"ref\":\"" + op + "\",\"spendable\":false");
        Result u = run(null, withDataDir("wallet", "unfreeze", "-w", "c", "--password-file", pwFile.toString(), op)
                .toArray(String[]::new));
        assertThat(u.code()).as(u.err()).isZero();
        assertThat(Files.readString(dir.resolve("wallets/c.state.jsonl"))).doesNotContain("spendable");
        Result bad = run(null, withDataDir("wallet", "freeze", "-w", "c", "--password-file", pwFile.toString(),
                "nonsense").toArray(String[]::new));
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("txid:vout");
    }

    @Test
    void bondAddressIsDerivedAndRecorded() throws Exception {
        Result imp = run(ABOUT + "\n", withDataDir("wallet", "import", "-w", "b", "--network", "regtest",
                "--mnemonic-stdin", "--password-file", pwFile.toString(), "--kdf-memory-kib", "64",
                "--kdf-iterations", "1").toArray(String[]::new));
        assertThat(imp.code()).as(imp.err()).isZero();
        Result r = run(null, withDataDir("wallet", "bond-address", "-w", "b", "--password-file", pwFile.toString(),
                "--lock", "2027-01", "--json").toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().get("locktime").asLong()).isEqualTo(1798761600L);
        assertThat(r.json().get("path").asText()).isEqualTo("m/84'/1'/0'/2/84:1798761600");
        assertThat(r.json().get("address").asText()).startsWith("bcrt1q").hasSize(64);
        assertThat(Files.readString(dir.resolve("wallets/b.state.jsonl"))).contains("{\"type\":\"jm-bond\",\"timenumber\":84}");
        Result bad = run(null, withDataDir("wallet", "bond-address", "-w", "b", "--password-file",
                pwFile.toString(), "--lock", "2019-12").toArray(String[]::new));
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).startsWith("error: --lock");
    }

    @Test
    void helpListsEverySubcommand() {
        Result r = run(null, "wallet", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("generate", "import", "info", "addresses", "freeze", "unfreeze", "send", "history",
                "release");
    }

    @Test
    void sendRefusesAmountTogetherWithSweep() {
        Result r = run(null, withDataDir("wallet", "send", "-m", "0", "--to", "bcrt1qxyz", "--amount", "100000",
                "--sweep", "--yes").toArray(String[]::new));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("error: --amount and --sweep conflict");
    }

    @Test
    void aPasswordOfOnlySpacesIsRefused() throws Exception {
        Path spaces = dir.resolve("spaces");
        Files.writeString(spaces, "    \n");
        Result r = run(null, withDataDir("wallet", "generate", "-w", "s", "--network", "regtest", "--password-file",
                spaces.toString(), "--kdf-memory-kib", "64", "--kdf-iterations", "1").toArray(String[]::new));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("error: a wallet password of only spaces is not allowed");
        assertThat(dir.resolve("wallets/s.jmw")).doesNotExist();
    }

    @Test
    void aTruncatedWalletFileIsReportedAsTruncated() throws Exception {
        Result imp = run(ABOUT + "\n", withDataDir("wallet", "import", "-w", "t", "--network", "regtest",
                "--mnemonic-stdin", "--password-file", pwFile.toString(), "--kdf-memory-kib", "64",
                "--kdf-iterations", "1").toArray(String[]::new));
        assertThat(imp.code()).as(imp.err()).isZero();
        Path file = dir.resolve("wallets/t.jmw");
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 3));
        Result r = run(null, withDataDir("wallet", "freeze", "-w", "t", "--password-file", pwFile.toString(),
                "ab".repeat(32) + ":0").toArray(String[]::new));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: the wallet file is truncated or damaged")
                .doesNotContain("end-of-input").doesNotContain("StreamReadFeature").doesNotContain("\tat ");
    }

    @Test
    void configInitIsOwnerOnlyAndAConfigWithAPasswordReadableByOthersIsWarnedAbout() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Result init = run(null, withDataDir("config", "init").toArray(String[]::new));
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(Files.getPosixFilePermissions(cfg)).isEqualTo(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.writeString(cfg, "[bitcoin]\nrpc_password = \"hunter2\"\n");
        Result quiet = run(ABOUT + "\n", withDataDir("wallet", "addresses", "--mnemonic-stdin", "--count",
                "1").toArray(String[]::new));
        assertThat(quiet.code()).as(quiet.err()).isZero();
        assertThat(quiet.err()).doesNotContain("other users can read it");
        Files.setPosixFilePermissions(cfg, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Result warned = run(ABOUT + "\n", withDataDir("wallet", "addresses", "--mnemonic-stdin", "--count",
                "1").toArray(String[]::new));
        assertThat(warned.code()).as(warned.err()).isZero();
        assertThat(warned.err()).contains("warning: " + cfg + " holds [bitcoin] rpc_password and other users can"
                + " read it; run: chmod 600 " + cfg).doesNotContain("hunter2");
    }
}
