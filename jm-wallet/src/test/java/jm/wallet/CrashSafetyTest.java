package jm.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jm.core.Network;
import jm.wallet.keys.Branch;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.store.AtomicFiles;
import jm.wallet.store.KdfParams;
import jm.wallet.store.Password;
import jm.wallet.store.WalletFile;
import jm.wallet.store.WriteStep;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A crash at every step of every write leaves a wallet that opens and never re-issues an address. */
class CrashSafetyTest {
    static final Mnemonic M = Mnemonic.parse(
            "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong");

    @TempDir
    Path dir;

    static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(WriteStep step) {
            super("crash after " + step);
        }
    }

    /** Storage whose writer crashes once at {@code step} while armed. */
    static final class CrashingStorage {
        boolean armed;
        final WriteStep step;

        CrashingStorage(WriteStep step) {
            this.step = step;
        }

        WalletStorage storage(Path dataDir) {
            return new WalletStorage(dataDir.resolve("wallets"), new AtomicFiles(s -> {
                if (armed && s == step) {
                    armed = false;
                    throw new SimulatedCrash(s);
                }
            }));
        }
    }

    private Wallet create(WalletStorage storage) {
        return Wallet.create(storage, "w", M, Passphrase.NONE, false, Password.of("pw"),
                WalletConfig.defaults(Network.REGTEST), KdfParams.TESTING, new SecureRandom(), Clock.systemUTC(), 0);
    }

    private Wallet reopen() {
        return Wallet.open(WalletStorage.inDataDir(dir), "w", Password.of("pw"), Passphrase.NONE, 20, Clock.systemUTC());
    }

    @ParameterizedTest
    @EnumSource(WriteStep.class)
    void crashWhileCreatingLeavesNoWalletOrAWholeOne(WriteStep step) {
        CrashingStorage cs = new CrashingStorage(step);
        cs.armed = true;
        assertThatThrownBy(() -> create(cs.storage(dir))).isInstanceOf(SimulatedCrash.class);
        Path file = WalletStorage.inDataDir(dir).walletFile("w");
        if (Files.exists(file)) {
            assertThat(step.ordinal()).isGreaterThanOrEqualTo(WriteStep.RENAMED.ordinal());
            assertThat(WalletFile.open(file, Password.of("pw")).secrets().mnemonic()).isEqualTo(M);
        } else {
            assertThat(step.ordinal()).isLessThan(WriteStep.RENAMED.ordinal());
            create(WalletStorage.inDataDir(dir));
            assertThat(WalletFile.open(file, Password.of("pw")).secrets().mnemonic()).isEqualTo(M);
        }
        assertThat(WalletStorage.inDataDir(dir).list()).containsExactly("w");
    }

    @ParameterizedTest
    @EnumSource(WriteStep.class)
    void crashWhileRecordingAnAddressNeverLeadsToReissue(WriteStep step) throws Exception {
        CrashingStorage cs = new CrashingStorage(step);
        Wallet w = create(cs.storage(dir));
        List<String> handedOut = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            handedOut.add(w.freshAddress(0, Branch.INTERNAL).address());
            handedOut.add(w.freshAddress(1, Branch.EXTERNAL).address());
        }
        w.freeze(jm.core.OutPoint.of("cd".repeat(32), 0));
        cs.armed = true;
        assertThatThrownBy(() -> w.freshAddress(0, Branch.INTERNAL)).isInstanceOf(SimulatedCrash.class);
        w.close(); // the crashed process is gone: the OS released its lock

        Wallet restarted = reopen();
        for (int i = 0; i < 3; i++) {
            String a = restarted.freshAddress(0, Branch.INTERNAL).address();
            assertThat(handedOut).doesNotContain(a);
            handedOut.add(a);
            String b = restarted.freshAddress(1, Branch.EXTERNAL).address();
            assertThat(handedOut).doesNotContain(b);
            handedOut.add(b);
        }
        assertThat(restarted.isFrozen(jm.core.OutPoint.of("cd".repeat(32), 0))).isTrue();
        try (Stream<Path> files = Files.list(dir.resolve("wallets"))) {
            assertThat(files.filter(AtomicFiles::isTemp).count()).isZero();
        }
    }
}
