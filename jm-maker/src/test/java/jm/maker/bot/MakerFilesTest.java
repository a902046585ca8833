package jm.maker.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import jm.core.Nick;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MakerFilesTest {
    static final String C1 = "45bdb19c549f8b30865801752d1796b0a74dfd6ff8a506af852568e9348436d2";

    @TempDir
    Path dir;

    @Test
    void blacklistAppendsDurablyAndSurvivesReopening() throws Exception {
        Path file = dir.resolve("cmtdata").resolve("commitmentlist");
        CommitmentBlacklist b = CommitmentBlacklist.open(file);
        assertThat(b.contains(C1)).isFalse();
        assertThat(b.add(C1.toUpperCase())).isTrue();
        assertThat(b.add(C1)).isFalse();
        assertThat(Files.readAllLines(file)).containsExactly(C1);
        Files.writeString(file, "garbage line\n" + "zz".repeat(32) + "\n", StandardCharsets.US_ASCII,
                java.nio.file.StandardOpenOption.APPEND);
        CommitmentBlacklist reopened = CommitmentBlacklist.open(file);
        assertThat(reopened.contains(C1)).isTrue();
        assertThat(reopened.contains(C1.toUpperCase())).isTrue();
        assertThat(reopened.size()).isEqualTo(1);
        assertThat(reopened.add("not hex")).isFalse();
    }

    @Test
    void historyRecordsSigningThenConfirmationInNgColumns() {
        CoinJoinHistory h = new CoinJoinHistory(dir.resolve(CoinJoinHistory.FILE_NAME));
        String txid = "ab".repeat(32);
        h.recordSigned(new CoinJoinHistory.MakerEntry(Instant.parse("2026-11-26T04:00:00Z"), txid, 1_000_000,
                "J56Qu3cvNvi3Y1vt", 200, 100, 1, "bcrt1qcj", "bcrt1qchange", List.of("cd".repeat(32) + ":1",
                "ef".repeat(32) + ":0"), "regtest"));
        assertThat(h.pendingTxids()).containsExactly(txid);
        var row = h.row(txid).orElseThrow();
        assertThat(row.get("role")).isEqualTo("maker");
        assertThat(row.get("success")).isEqualTo("False");
        assertThat(row.get("net_fee")).isEqualTo("100");
        assertThat(row.get("utxos_used")).isEqualTo("cd".repeat(32) + ":1," + "ef".repeat(32) + ":0");
        assertThat(h.recordConfirmed(txid, 2, Instant.parse("2026-11-26T04:10:00Z"))).isTrue();
        row = h.row(txid).orElseThrow();
        assertThat(row.get("success")).isEqualTo("True");
        assertThat(row.get("confirmations")).isEqualTo("2");
        assertThat(row.get("confirmed_at")).isEqualTo("2026-11-26T04:10:00Z");
        assertThat(h.pendingTxids()).isEmpty();
        assertThat(h.recordConfirmed("00".repeat(32), 1, Instant.now())).isFalse();
    }

    @Test
    void theMakerNickFileIsOwnerOnly() throws Exception {
        NickState s = new NickState(dir.resolve("state"));
        s.writeMaker(new Nick("J5testnickabcdef"));
        assertThat(Files.getPosixFilePermissions(s.makerFile()))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(s.makerFile())).isEqualTo("J5testnickabcdef\n");
    }

    @Test
    void historyHeaderIsNgs() throws Exception {
        CoinJoinHistory h = new CoinJoinHistory(dir.resolve(CoinJoinHistory.FILE_NAME));
        h.recordSigned(new CoinJoinHistory.MakerEntry(Instant.EPOCH, "ab".repeat(32), 1, "J56Qu3cvNvi3Y1vt", 1, 0, 0,
                "a", "b", List.of(), "regtest"));
        String header = Files.readAllLines(h.file()).get(0);
        assertThat(header).isEqualTo("timestamp,completed_at,role,success,failure_reason,confirmations,confirmed_at,"
                + "txid,cj_amount,peer_count,counterparty_nicks,fee_received,txfee_contribution,total_maker_fees_paid,"
                + "mining_fee_paid,net_fee,source_mixdepth,destination_address,change_address,utxos_used,"
                + "broadcast_method,network");
    }

    @Test
    void nickStateNamesOurMakerWhileRunningAndReadsOurTaker() throws Exception {
        NickState s = new NickState(dir);
        Nick maker = new Nick("J59y7hPYEhZ3MzDt");
        s.writeMaker(maker);
        assertThat(Files.readString(dir.resolve("state").resolve("maker.nick")).strip()).isEqualTo(maker.value());
        Files.writeString(dir.resolve("state").resolve("taker.nick"), "J56Qu3cvNvi3Y1vt\n");
        assertThat(s.ownNicks()).containsExactlyInAnyOrder(maker, new Nick("J56Qu3cvNvi3Y1vt"));
        Files.writeString(dir.resolve("state").resolve("taker.nick"), "not a nick");
        s.clearMaker();
        assertThat(s.ownNicks()).isEmpty();
    }
}
