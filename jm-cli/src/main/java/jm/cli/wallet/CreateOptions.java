package jm.cli.wallet;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by generate and import. */
final class CreateOptions {
    @Option(names = {"-w", "--wallet"}, paramLabel = "NAME", defaultValue = "wallet",
            description = "Wallet name (file <data-dir>/wallets/NAME.jmw; default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--network", paramLabel = "NET", description = "mainnet, testnet, signet or regtest (default: config, else mainnet).")
    String network;

    @Option(names = "--mixdepths", paramLabel = "N", description = "Number of mixdepths, 1-10 (default 5).")
    Integer mixdepths;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "p2wpkh",
            description = "p2wpkh (BIP84, default) or p2sh-p2wpkh (BIP49).")
    String type;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the new wallet password from FILE (else $JM_WALLET_PASSWORD, else a prompt).")
    Path passwordFile;

    @Option(names = "--store-passphrase",
            description = "Store the BIP39 passphrase (encrypted) in the wallet file instead of asking for it at every open.")
    boolean storePassphrase;

    @Option(names = "--kdf-memory-kib", hidden = true, description = "Argon2id memory (KiB); tests only.")
    Integer kdfMemoryKiB;

    @Option(names = "--kdf-iterations", hidden = true, description = "Argon2id passes; tests only.")
    Integer kdfIterations;

    String name() {
        return name;
    }

    Path passwordFile() {
        return passwordFile;
    }
}
