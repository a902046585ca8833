package jm.cli.common;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import jm.wallet.Wallet;
import jm.wallet.WalletStorage;
import jm.wallet.keys.Passphrase;
import jm.wallet.store.Password;
import picocli.CommandLine.Option;

/** Which wallet file a command opens and where its password comes from. */
public final class WalletOptions {
    @Option(names = {"-w", "--wallet"}, paramLabel = "NAME", defaultValue = "wallet",
            description = "Wallet name (file <data-dir>/wallets/NAME.jmw; default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the wallet password from FILE (else $JM_WALLET_PASSWORD, else a prompt).")
    Path passwordFile;

    public String name() {
        return name;
    }

    /** The {@code --password-file} flag, or null. */
    public Path passwordFile() {
        return passwordFile;
    }

    /**
     * Opens the wallet for a bot that writes it (takes its lock): password from the file, the
     * environment or a prompt; BIP39 passphrase from {@code $JM_WALLET_PASSPHRASE} if the wallet
     * does not store it; gap limit from {@code [wallet] gap_limit}.
     */
    public Wallet openForWriting(WalletStorage storage, JmConfig config, Map<String, String> env) {
        char[] pw = Passwords.read(passwordFile, env, "Password for wallet '" + name + "': ", false);
        try (Password password = Password.of(pw)) {
            String pp = env.get("JM_WALLET_PASSPHRASE");
            int gap = WalletSettings.read(config, null, null).gapLimit();
            return Wallet.open(storage, name, password, pp == null ? Passphrase.NONE : Passphrase.of(pp), gap,
                    Clock.systemUTC());
        } finally {
            Arrays.fill(pw, '\0');
        }
    }
}
