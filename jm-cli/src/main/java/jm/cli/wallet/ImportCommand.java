package jm.cli.wallet;

import java.io.Console;
import java.io.IOException;
import jm.cli.common.ConfigException;
import jm.wallet.Wallet;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jm wallet import}: a wallet from an existing mnemonic. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Create a wallet file from an existing BIP39 mnemonic.",
                "The same words and passphrase give the same addresses as in the reference JoinMarket, "
                        + "JoinMarket NG, Sparrow or Bitcoin Core."})
final class ImportCommand extends WalletSubcommand {
    @Mixin
    CreateOptions create;

    @Option(names = "--mnemonic-stdin",
            description = "Read the mnemonic from standard input, and an optional passphrase from the next line.")
    boolean mnemonicStdin;

    @Option(names = "--birthday", paramLabel = "UNIX_SECONDS", defaultValue = "0",
            description = "Time before the wallet's first transaction; the node rescans from there (default 0: everything).")
    long birthday;

    @Override
    Integer execute() throws IOException {
        String phrase;
        String pass;
        if (mnemonicStdin) {
            String[] in = readMnemonicFromStdin();
            phrase = in[0];
            pass = in[1];
        } else {
            Console c = System.console();
            if (c == null) {
                throw new ConfigException("no terminal to prompt on: use --mnemonic-stdin");
            }
            char[] m = c.readPassword("Mnemonic (words separated by spaces): ");
            char[] p = c.readPassword("BIP39 passphrase (empty for none): ");
            phrase = m == null ? "" : new String(m);
            pass = p == null ? "" : new String(p);
        }
        if (birthday < 0) {
            throw new ConfigException("--birthday must not be negative");
        }
        Mnemonic mnemonic = Mnemonic.parse(phrase);
        Passphrase pp = Passphrase.of(pass);
        Wallet w = WalletCreation.create(this, create, mnemonic, pp, birthday);
        WalletCreation.report(this, w, null, !pp.isEmpty(), create.storePassphrase && !pp.isEmpty());
        return 0;
    }
}
