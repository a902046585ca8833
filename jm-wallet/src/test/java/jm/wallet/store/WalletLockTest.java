package jm.wallet.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondWriterIsRefusedUntilTheFirstReleases() throws Exception {
        Path file = dir.resolve("wallets").resolve("w.lock");
        WalletLock.describeThisProcess("jm test first");
        try (WalletLock first = WalletLock.acquire(file, "w")) {
            assertThat(first.isHeld()).isTrue();
            assertThat(Files.readString(file)).isEqualTo("jm test first (pid " + ProcessHandle.current().pid() + ")\n");
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThatThrownBy(() -> WalletLock.acquire(file, "w")).isInstanceOf(WalletInUseException.class)
                    .hasMessageContaining("wallet 'w' is in use by this process (pid " + ProcessHandle.current().pid());
        }
        try (WalletLock again = WalletLock.acquire(file, "w")) {
            assertThat(again.isHeld()).isTrue();
        }
    }

    @Test
    void theHolderNamedToOthersIsWhatItWroteAndGarbageIsNotEchoed() throws Exception {
        Path file = dir.resolve("x.lock");
        Files.writeString(file, "jm maker start (pid 4242)\n");
        assertThat(WalletLock.holder(file)).isEqualTo("jm maker start (pid 4242)");
        Files.writeString(file, "evil\u001b[2Jtext");
        assertThat(WalletLock.holder(file)).isEqualTo("another process");
        assertThat(WalletLock.holder(dir.resolve("missing.lock"))).isEqualTo("another process");
    }

    @Test
    void aStoreWritesOnlyWhileItsLockIsHeld() {
        Path state = dir.resolve("w.state.jsonl");
        WalletLock lock = WalletLock.acquire(dir.resolve("w.lock"), "w");
        StateStore store = StateStore.file(state, AtomicFiles.standard(), lock);
        WalletState s = new WalletState();
        s.setFrozen(jm.core.OutPoint.of("aa".repeat(32), 1), true);
        store.save(s);
        lock.close();
        WalletState t = s.copy();
        t.setFrozen(jm.core.OutPoint.of("aa".repeat(32), 1), false);
        assertThatThrownBy(() -> store.save(t)).isInstanceOf(WalletFileException.class)
                .hasMessageContaining("no longer holds");
        assertThat(StateStore.read(state)).isEqualTo(s);
    }
}
