package jm.wallet.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class MnemonicTest {
    private static final String ABOUT =
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

    @Test
    void rejectsBadChecksumWithClearMessage() {
        assertThatThrownBy(() -> Mnemonic.parse(ABOUT.replace("about", "abandon")))
                .isInstanceOf(InvalidMnemonicException.class).hasMessageContaining("checksum");
    }

    @Test
    void rejectsUnknownWordNamingItsPosition() {
        assertThatThrownBy(() -> Mnemonic.parse(ABOUT.replace("about", "bitcoinz")))
                .isInstanceOf(InvalidMnemonicException.class).hasMessageContaining("word 12");
    }

    @Test
    void rejectsWrongWordCount() {
        assertThatThrownBy(() -> Mnemonic.parse("abandon abandon about"))
                .isInstanceOf(InvalidMnemonicException.class).hasMessageContaining("12, 15, 18, 21 or 24");
        assertThatThrownBy(() -> Mnemonic.parse("   ")).isInstanceOf(InvalidMnemonicException.class);
        assertThatThrownBy(() -> Mnemonic.parse(null)).isInstanceOf(InvalidMnemonicException.class);
    }

    @Test
    void acceptsExtraWhitespaceAndUpperCase() {
        assertThat(Mnemonic.parse("  " + ABOUT.toUpperCase().replace(" ", " \t ") + "\n").phrase()).isEqualTo(ABOUT);
    }

    @Test
    void generatesValid12And24WordMnemonics() {
        var rnd = new SecureRandom();
        assertThat(Mnemonic.parse(Mnemonic.generate(rnd, 12).phrase()).size()).isEqualTo(12);
        assertThat(Mnemonic.parse(Mnemonic.generate(rnd, 24).phrase()).size()).isEqualTo(24);
    }

    @Test
    void toStringIsRedacted() {
        assertThat(Mnemonic.parse(ABOUT).toString()).doesNotContain("abandon");
        assertThat(Passphrase.of("secret").toString()).doesNotContain("secret");
    }
}
