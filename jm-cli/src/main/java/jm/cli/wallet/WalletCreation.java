package jm.cli.wallet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import jm.cli.common.ConfigException;
import jm.cli.common.JmConfig;
import jm.cli.common.WalletSettings;
import jm.cli.common.Passwords;
import jm.core.Network;
import jm.wallet.Wallet;
import jm.wallet.WalletConfig;
import jm.wallet.errors.WalletException;
import jm.wallet.WalletStorage;
import jm.wallet.keys.Branch;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.keys.WalletType;
import jm.wallet.store.KdfParams;
import jm.wallet.store.Password;

/** Creates a wallet file from generate/import options. */
final class WalletCreation {
    private WalletCreation() {
    }

    static Wallet create(WalletSubcommand cmd, CreateOptions o, Mnemonic mnemonic, Passphrase passphrase, long birthday) {
        JmConfig config = cmd.config();
        Network network = WalletSubcommand.network(o.network, config);
        WalletType type = WalletType.parse(o.type)
                .orElseThrow(() -> new ConfigException("--type must be p2wpkh or p2sh-p2wpkh: " + o.type));
        int mixdepths = WalletSettings.read(config, o.mixdepths, null).mixdepthCount();
        WalletStorage storage = cmd.storage();
        WalletStorage.checkName(o.name());
        if (storage.exists(o.name())) {
            throw new WalletException("wallet '" + o.name() + "' already exists at " + storage.walletFile(o.name()));
        }
        KdfParams kdf = new KdfParams(o.kdfMemoryKiB == null ? KdfParams.DEFAULT.memoryKiB() : o.kdfMemoryKiB,
                o.kdfIterations == null ? KdfParams.DEFAULT.iterations() : o.kdfIterations, 1);
        char[] pw = Passwords.read(o.passwordFile(), cmd.env(), "New password for wallet '" + o.name() + "': ", true);
        try (Password password = Password.of(pw)) {
            Passwords.checkNew(password);
            return cmd.closing(Wallet.create(storage, o.name(), mnemonic, passphrase, o.storePassphrase, password,
                    new WalletConfig(network, type, mixdepths, WalletConfig.DEFAULT_GAP_LIMIT), kdf, new SecureRandom(),
                    Clock.systemUTC(), birthday));
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    static void report(WalletSubcommand cmd, Wallet w, Mnemonic shownMnemonic, boolean passphraseUsed,
                       boolean passphraseStored) throws IOException {
        String first = w.deriveAddress(0, Branch.EXTERNAL, 0).address();
        String file = cmd.storage().walletFile(w.name()).toString();
        if (cmd.json) {
            ObjectNode n = WalletSubcommand.JSON.createObjectNode();
            n.put("wallet", w.name());
            n.put("file", file);
            n.put("network", w.config().network().wireName());
            n.put("walletType", w.config().type().label());
            n.put("mixdepths", w.mixdepths());
            if (shownMnemonic != null) {
                n.put("mnemonic", shownMnemonic.phrase());
            }
            n.put("passphrase", passphraseUsed);
            n.put("passphraseStored", passphraseStored);
            n.put("firstAddress", first);
            cmd.printJson(n);
            return;
        }
        var out = cmd.out();
        out.println("Wallet '" + w.name() + "' written to " + file);
        out.println("Network: " + w.config().network().wireName() + ", " + w.mixdepths() + " mixdepths, "
                + w.config().type().label());
        if (shownMnemonic != null) {
            out.println();
            out.println("Write down these " + shownMnemonic.size() + " words and keep them offline."
                    + " They are the only way to recover the funds:");
            out.println();
            out.println("    " + shownMnemonic.phrase());
            out.println();
        }
        if (passphraseUsed && !passphraseStored) {
            out.println("The passphrase is NOT stored: you will need it to open this wallet and to recover it.");
        }
        out.println("First receive address (mixdepth 0): " + first);
    }
}
