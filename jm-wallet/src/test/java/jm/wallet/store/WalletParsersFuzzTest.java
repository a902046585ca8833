package jm.wallet.store;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jm.wallet.keys.InvalidMnemonicException;
import jm.wallet.keys.Mnemonic;

/**
 * Parsers of wallet files and user input throw only their typed exception, whatever the input.
 * Regression mode in normal runs; {@code JAZZER_FUZZ=1} fuzzes.
 */
class WalletParsersFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void stateParserThrowsOnlyWalletFileException(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            WalletState s = WalletState.parse(text, "fuzz");
            WalletState.parse(new String(s.toJsonLines(), java.nio.charset.StandardCharsets.UTF_8), "again");
        } catch (WalletFileException expected) {
            // rejected with a typed error: fine
        }
    }

    @FuzzTest(maxDuration = "30s")
    void walletHeaderParserThrowsOnlyWalletFileException(FuzzedDataProvider data) throws IOException {
        Path f = Files.createTempFile("fuzz", ".jmw");
        try {
            Files.write(f, data.consumeRemainingAsBytes());
            try {
                WalletFile.readHeader(f);
            } catch (WalletFileException expected) {
                // fine
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void mnemonicParserThrowsOnlyInvalidMnemonic(FuzzedDataProvider data) {
        try {
            Mnemonic.parse(data.consumeRemainingAsString());
        } catch (InvalidMnemonicException expected) {
            // fine
        }
    }
}
