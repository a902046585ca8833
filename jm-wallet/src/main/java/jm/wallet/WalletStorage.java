package jm.wallet;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jm.wallet.errors.WalletException;
import jm.wallet.store.AtomicFiles;
import jm.wallet.store.WalletFileException;

/**
 * Where wallets live: {@code <data-dir>/wallets/<name>.jmw} (encrypted secrets) and
 * {@code <data-dir>/wallets/<name>.state.jsonl} (metadata).
 *
 * @param walletsDir the {@code wallets} directory
 * @param files      the atomic writer (tests inject crashes through it)
 */
public record WalletStorage(Path walletsDir, AtomicFiles files) {
    public static final String WALLET_SUFFIX = ".jmw";
    public static final String STATE_SUFFIX = ".state.jsonl";
    public static final String LOCK_SUFFIX = ".lock";

    public WalletStorage {
        if (walletsDir == null || files == null) {
            throw new IllegalArgumentException("walletsDir and files are required");
        }
    }

    /** {@code <dataDir>/wallets} with the standard writer. */
    public static WalletStorage inDataDir(Path dataDir) {
        return new WalletStorage(dataDir.resolve("wallets"), AtomicFiles.standard());
    }

    /** Wallet names: letters, digits, '-', '_' and '.', 1..64 characters, not starting with '.'. */
    public static String checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}")) {
            throw new WalletException("invalid wallet name '" + name
                    + "': use 1-64 letters, digits, '-', '_' or '.', not starting with '.'");
        }
        return name;
    }

    public Path walletFile(String name) {
        return walletsDir.resolve(checkName(name) + WALLET_SUFFIX);
    }

    public Path stateFile(String name) {
        return walletsDir.resolve(checkName(name) + STATE_SUFFIX);
    }

    /** The writer lock file of a wallet ({@link jm.wallet.store.WalletLock}). */
    public Path lockFile(String name) {
        return walletsDir.resolve(checkName(name) + LOCK_SUFFIX);
    }

    public boolean exists(String name) {
        return Files.exists(walletFile(name));
    }

    /** Names of the wallets in the directory, sorted. */
    public List<String> list() {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(walletsDir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(walletsDir, "*" + WALLET_SUFFIX)) {
            for (Path p : ds) {
                if (!AtomicFiles.isTemp(p)) {
                    String n = p.getFileName().toString();
                    out.add(n.substring(0, n.length() - WALLET_SUFFIX.length()));
                }
            }
        } catch (IOException e) {
            throw new WalletFileException("cannot list " + walletsDir + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }
}
