package jm.taker.podle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jm.core.OutPoint;
import jm.core.Sats;
import jm.core.crypto.Hashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitmentChooserTest {
    static final OutPoint A = OutPoint.of("aa".repeat(32), 0);
    static final OutPoint B = OutPoint.of("bb".repeat(32), 1);
    static final OutPoint C = OutPoint.of("cc".repeat(32), 2);
    static final CommitmentSource FAKE = (utxo, i) ->
            java.util.HexFormat.of().formatHex(Hashes.sha256((utxo.toWire() + "/" + i).getBytes()));

    final CommitmentChooser chooser = new CommitmentChooser(PodleParams.DEFAULT);

    @Test
    void prefersInputsThenLargerCoinsAtIndexZero() {
        var cands = List.of(new CommitmentChooser.Candidate(A, Sats.of(900_000), 10, false),
                new CommitmentChooser.Candidate(B, Sats.of(300_000), 10, true));
        var choice = chooser.choose(cands, Sats.of(1_000_000), FAKE, new InMemoryUsedCommitmentStore());
        assertThat(choice).isEqualTo(new CommitmentChoice.Chosen(B, 0, FAKE.commitmentHex(B, 0)));
    }

    @Test
    void movesToTheNextIndexThenTheNextCoinWhenCommitmentsAreUsed() throws Exception {
        var store = new InMemoryUsedCommitmentStore();
        var cands = List.of(new CommitmentChooser.Candidate(A, Sats.of(900_000), 10, true),
                new CommitmentChooser.Candidate(B, Sats.of(300_000), 10, false));
        store.markUsed(FAKE.commitmentHex(A, 0));
        assertThat(chooser.choose(cands, Sats.of(1_000_000), FAKE, store))
                .isEqualTo(new CommitmentChoice.Chosen(A, 1, FAKE.commitmentHex(A, 1)));
        store.markUsed(FAKE.commitmentHex(A, 1));
        store.markUsed(FAKE.commitmentHex(A, 2));
        assertThat(chooser.choose(cands, Sats.of(1_000_000), FAKE, store))
                .isEqualTo(new CommitmentChoice.Chosen(B, 0, FAKE.commitmentHex(B, 0)));
    }

    @Test
    void saysWhyWhenNoCoinIsOldEnough() {
        var cands = List.of(new CommitmentChooser.Candidate(A, Sats.of(900_000), 4, true));
        assertThat(chooser.choose(cands, Sats.of(1_000_000), FAKE, new InMemoryUsedCommitmentStore()))
                .isInstanceOfSatisfying(CommitmentChoice.Unavailable.class,
                        u -> assertThat(u.reason()).isEqualTo(CommitmentChoice.Reason.NONE_OLD_ENOUGH));
    }

    @Test
    void saysWhyWhenNoCoinIsTwentyPercentOfTheAmount() {
        var cands = List.of(new CommitmentChooser.Candidate(A, Sats.of(199_999), 10, true),
                new CommitmentChooser.Candidate(C, Sats.of(5_000_000), 2, false));
        var choice = chooser.choose(cands, Sats.of(1_000_000), FAKE, new InMemoryUsedCommitmentStore());
        assertThat(choice).isInstanceOfSatisfying(CommitmentChoice.Unavailable.class,
                u -> assertThat(u.reason()).isEqualTo(CommitmentChoice.Reason.NONE_LARGE_ENOUGH));
        var exact = List.of(new CommitmentChooser.Candidate(A, Sats.of(200_000), 10, true));
        assertThat(chooser.choose(exact, Sats.of(1_000_000), FAKE, new InMemoryUsedCommitmentStore()))
                .isInstanceOf(CommitmentChoice.Chosen.class);
    }

    @Test
    void saysWhenEveryCommitmentIsUsed() throws Exception {
        var store = new InMemoryUsedCommitmentStore();
        for (int i = 0; i < 3; i++) {
            store.markUsed(FAKE.commitmentHex(A, i));
        }
        var cands = List.of(new CommitmentChooser.Candidate(A, Sats.of(900_000), 10, true));
        assertThat(chooser.choose(cands, Sats.of(1_000_000), FAKE, store))
                .isInstanceOfSatisfying(CommitmentChoice.Unavailable.class,
                        u -> assertThat(u.reason()).isEqualTo(CommitmentChoice.Reason.ALL_USED));
    }

    @Test
    void fileStoreRemembersUsedCommitmentsAcrossReopen(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cmtdata").resolve("used-commitments.txt");
        String c = FAKE.commitmentHex(A, 0);
        FileUsedCommitmentStore s1 = FileUsedCommitmentStore.open(f);
        assertThat(s1.isUsed(c)).isFalse();
        s1.markUsed(c);
        s1.markUsed(c);
        assertThat(Files.readAllLines(f)).containsExactly(c);
        assertThat(Files.getPosixFilePermissions(f))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        FileUsedCommitmentStore s2 = FileUsedCommitmentStore.open(f);
        assertThat(s2.isUsed(c.toUpperCase())).isTrue();
        assertThat(s2.isUsed(FAKE.commitmentHex(A, 1))).isFalse();
    }
}
