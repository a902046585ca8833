package jm.maker.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import jm.core.testing.MutableClock;
import jm.maker.session.SessionTable;
import jm.maker.testing.FakeMakerChain;
import jm.maker.testing.FakeMakerWallet;
import jm.maker.testing.RecordingOutbox;
import org.bitcoinj.base.Sha256Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BroadcastWatcherTest {
    @TempDir
    Path dir;

    @Test
    void remembersOnlyTheLatestSignedCoinJoins() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T08:00:00Z"));
        BroadcastWatcher watcher = new BroadcastWatcher(new MakerPorts<>(MakerSettings.defaults("regtest"),
                new FakeMakerWallet(), new FakeMakerChain(), new RecordingOutbox(),
                CommitmentBlacklist.open(dir.resolve("commitmentlist")),
                new CoinJoinHistory(dir.resolve(CoinJoinHistory.FILE_NAME)), clock, new SecureRandom()), () -> { });
        int n = SessionTable.MAX_SIGNED_RECORDS + 5;
        for (int i = 0; i < n; i++) {
            watcher.signed(Sha256Hash.of(new byte[] {(byte) i, (byte) (i >> 8)}), clock.instant());
        }
        assertThat(watcher.signedTxids()).hasSize(SessionTable.MAX_SIGNED_RECORDS)
                .startsWith(Sha256Hash.of(new byte[] {5, 0}))
                .endsWith(Sha256Hash.of(new byte[] {(byte) (n - 1), (byte) ((n - 1) >> 8)}));
    }
}
