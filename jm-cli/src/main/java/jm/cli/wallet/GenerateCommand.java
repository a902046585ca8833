package jm.cli.wallet;

import java.io.Console;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import jm.cli.common.ConfigException;
import jm.wallet.Wallet;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jm wallet generate}: a new wallet with a fresh mnemonic. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Create a new wallet with a new BIP39 mnemonic.",
                "The wallet file is written (encrypted, mode 0600) before the words are shown."})
final class GenerateCommand extends WalletSubcommand {
    @Mixin
    CreateOptions create;

    @Option(names = "--words", paramLabel = "N", defaultValue = "12", description = "12 or 24 words (default 12).")
    int words;

    @Option(names = "--with-passphrase",
            description = "Also protect the seed with a BIP39 passphrase (prompted, or $" + PASSPHRASE_ENV + ").")
    boolean withPassphrase;

    @Override
    Integer execute() throws IOException {
        if (words != 12 && words != 24) {
            throw new ConfigException("--words must be 12 or 24");
        }
        Passphrase pp = withPassphrase ? askPassphrase() : Passphrase.NONE;
        Mnemonic m = Mnemonic.generate(new SecureRandom(), words);
        long birthday = Math.max(0, System.currentTimeMillis() / 1000 - 86_400);
        Wallet w = WalletCreation.create(this, create, m, pp, birthday);
        WalletCreation.report(this, w, m, !pp.isEmpty(), create.storePassphrase && !pp.isEmpty());
        return 0;
    }

    private Passphrase askPassphrase() {
        String fromEnv = env().get(PASSPHRASE_ENV);
        if (fromEnv != null) {
            return Passphrase.of(fromEnv);
        }
        Console c = System.console();
        if (c == null) {
            throw new ConfigException("--with-passphrase needs a terminal or $" + PASSPHRASE_ENV);
        }
        char[] a = c.readPassword("BIP39 passphrase: ");
        char[] b = c.readPassword("Repeat: ");
        try {
            if (a == null || b == null || !Arrays.equals(a, b)) {
                throw new ConfigException("the two passphrases differ");
            }
            return Passphrase.of(new String(a));
        } finally {
            if (a != null) {
                Arrays.fill(a, '\0');
            }
            if (b != null) {
                Arrays.fill(b, '\0');
            }
        }
    }
}
