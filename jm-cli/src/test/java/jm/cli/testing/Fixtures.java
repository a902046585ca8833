package jm.cli.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import jm.core.Network;
import jm.core.crypto.NickKey;
import jm.directory.config.DirectoryConfig;
import jm.directory.server.DirectoryServer;
import jm.directory.server.TimeSource;
import jm.wallet.Wallet;
import jm.wallet.WalletConfig;
import jm.wallet.WalletStorage;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.store.KdfParams;
import jm.wallet.store.Password;

/** What the jm-cli tests set up again and again: a regtest wallet file, a directory on loopback. */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * A new regtest wallet file {@code name} in {@code dataDir}: random seed, no BIP39 passphrase,
     * password "pw" (what {@link Cli#PASSWORD_PW} gives a command), the cheap test KDF.
     */
    public static Wallet regtestWallet(Path dataDir, String name) {
        return Wallet.create(WalletStorage.inDataDir(dataDir), name, Mnemonic.generate(new SecureRandom(), 12),
                Passphrase.NONE, false, Password.of("pw"), WalletConfig.defaults(Network.REGTEST), KdfParams.TESTING,
                new SecureRandom(), Clock.systemUTC(), 0);
    }

    /** A directory node on 127.0.0.1 (any free port, no health endpoint) for peers announcing {@code network}. */
    public static DirectoryServer localDirectory(String network) throws IOException, InterruptedException {
        return DirectoryServer.start(DirectoryConfig.localDefaults(network).host("127.0.0.1").port(0)
                .healthCheckPort(-1).build(), NickKey.random(new SecureRandom()).nick(), TimeSource.SYSTEM);
    }
}
