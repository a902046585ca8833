package jm.wallet.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import jm.core.Network;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.keys.WalletType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletFileTest {
    static final Mnemonic M = Mnemonic.parse(
            "legal winner thank year wave sausage worth useful legal winner thank yellow");
    static final WalletHeader H = new WalletHeader(Network.REGTEST, WalletType.P2WPKH, 5, false, 0);

    @TempDir
    Path dir;

    private Path create(String name, Password pw, WalletSecrets secrets, WalletHeader h) {
        Path f = dir.resolve("wallets").resolve(name + ".jmw");
        WalletFile.create(f, h, secrets, pw, KdfParams.TESTING, new SecureRandom(), AtomicFiles.standard());
        return f;
    }

    @Test
    void roundTripsTheMnemonicWithTheRightPassword() {
        Path f = create("w", Password.of("pw"), new WalletSecrets(M, null, "addr"), H);
        WalletFile.Opened o = WalletFile.open(f, Password.of("pw"));
        assertThat(o.secrets().mnemonic()).isEqualTo(M);
        assertThat(o.secrets().storedPassphrase()).isEmpty();
        assertThat(o.secrets().checkAddress()).contains("addr");
        assertThat(o.header()).isEqualTo(H);
    }

    @Test
    void storesThePassphraseOnlyWhenAsked() throws Exception {
        WalletHeader h = new WalletHeader(Network.MAINNET, WalletType.P2WPKH, 5, true, 0);
        Path f = create("p", Password.of("pw"), new WalletSecrets(M, Passphrase.of("TREZOR"), null), h);
        assertThat(WalletFile.open(f, Password.of("pw")).secrets().storedPassphrase()).contains(Passphrase.of("TREZOR"));
        String text = Files.readString(f);
        assertThat(text).doesNotContain("TREZOR").doesNotContain("legal");
    }

    @Test
    void wrongPasswordIsAClearTypedError() {
        Path f = create("w", Password.of("right"), new WalletSecrets(M, null, null), H);
        assertThatThrownBy(() -> WalletFile.open(f, Password.of("wrong")))
                .isInstanceOf(WrongPasswordException.class)
                .hasMessage("wrong password for wallet 'w' (or the wallet file was modified)");
    }

    @Test
    void tamperedHeaderFailsAuthentication() throws Exception {
        Path f = create("w", Password.of("pw"), new WalletSecrets(M, null, null), H);
        Files.writeString(f, Files.readString(f).replace("\"mixdepths\" : 5", "\"mixdepths\" : 6"));
        assertThatThrownBy(() -> WalletFile.open(f, Password.of("pw"))).isInstanceOf(WrongPasswordException.class);
    }

    @Test
    void fileIsOwnerReadWriteOnly() throws Exception {
        Path f = create("w", Password.of("pw"), new WalletSecrets(M, null, null), H);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
    }

    @Test
    void refusesToOverwriteAnExistingWallet() {
        create("w", Password.of("pw"), new WalletSecrets(M, null, null), H);
        assertThatThrownBy(() -> create("w", Password.of("pw2"), new WalletSecrets(M, null, null), H))
                .isInstanceOf(WalletFileException.class).hasMessageContaining("already exists");
        assertThat(WalletFile.open(dir.resolve("wallets/w.jmw"), Password.of("pw")).secrets().mnemonic()).isEqualTo(M);
    }

    @Test
    void corruptOrForeignFilesAreWalletFileErrors() throws Exception {
        Path f = dir.resolve("x.jmw");
        for (String content : new String[] {"", "[]", "{}", "not json", "{\"format\":\"joinmarket-java-wallet\"}",
                "{\"format\":\"joinmarket-java-wallet\",\"version\":1,\"network\":\"regtest\",\"walletType\":\"p2wpkh\","
                        + "\"mixdepths\":5,\"passphraseStored\":false,\"birthday\":0,\"kdf\":{\"name\":\"argon2id\","
                        + "\"version\":19,\"memoryKiB\":99999999,\"iterations\":1,\"parallelism\":1,\"salt\":\"AAAA\"},"
                        + "\"cipher\":{\"name\":\"AES-256-GCM\",\"nonce\":\"AAAA\"},\"ciphertext\":\"AAAA\"}"}) {
            Files.writeString(f, content);
            assertThatThrownBy(() -> WalletFile.open(f, Password.of("pw"))).as(content)
                    .isInstanceOf(WalletFileException.class);
        }
        assertThatThrownBy(() -> WalletFile.open(dir.resolve("missing.jmw"), Password.of("pw")))
                .isInstanceOf(WalletFileException.class).hasMessageContaining("no wallet file");
    }

    @Test
    void aTruncatedWalletFileSaysSoInsteadOfParserInternals() throws Exception {
        Path f = create("t", Password.of("pw"), new WalletSecrets(M, null, "addr"), H);
        byte[] whole = Files.readAllBytes(f);
        for (int len : new int[] {0, 1, whole.length / 2, whole.length - 3}) {
            Files.write(f, java.util.Arrays.copyOf(whole, len));
            assertThatThrownBy(() -> WalletFile.open(f, Password.of("pw"))).as("%d bytes", len)
                    .isInstanceOf(WalletFileException.class)
                    .hasMessageContaining("the wallet file is truncated or damaged")
                    .hasMessageNotContaining("end-of-input").hasMessageNotContaining("StreamReadFeature");
        }
        Path state = dir.resolve("t.state.jsonl");
        Files.writeString(state, "{\"type\":\"jm-wallet-state\",\"version\":1}\n{\"type\":\"jm-ind");
        assertThatThrownBy(() -> StateStore.read(state)).isInstanceOf(WalletFileException.class)
                .hasMessageContaining("the wallet state file is truncated or damaged");
    }

    @Test
    void anUnreadableFileSaysPermissionDenied() throws Exception {
        // the mapping, everywhere (root reads files whatever their mode)
        assertThat(WalletFileException.cannotRead("wallet file", dir.resolve("w.jmw"),
                new java.nio.file.AccessDeniedException(dir.resolve("w.jmw").toString())))
                .hasMessage("cannot read wallet file " + dir.resolve("w.jmw") + ": permission denied");
        Path f = create("u", Password.of("pw"), new WalletSecrets(M, null, "addr"), H);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(f), "running as root: modes do not stop reads");
        assertThatThrownBy(() -> WalletFile.open(f, Password.of("pw"))).isInstanceOf(WalletFileException.class)
                .hasMessageContaining("permission denied");
    }

    @Test
    void secretsAreRedactedInToString() {
        assertThat(Password.of("hunter2").toString()).doesNotContain("hunter2");
        assertThat(new WalletSecrets(M, Passphrase.of("x"), null).toString()).doesNotContain("legal");
    }
}
