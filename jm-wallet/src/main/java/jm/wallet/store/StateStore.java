package jm.wallet.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where a wallet's {@link WalletState} lives; {@link #inMemory()} for tests and address derivation. */
public interface StateStore {

    /** The persisted state, or a fresh one if none was ever saved. */
    WalletState load();

    /** Persists {@code state} durably before returning; throws if it could not. */
    void save(WalletState state);

    /** Whether saves reach the disk (false: read-only view or in memory). */
    default boolean durable() {
        return false;
    }

    /** A store that keeps the state in memory only. */
    static StateStore inMemory() {
        return new StateStore() {
            private WalletState saved = new WalletState();

            @Override
            public synchronized WalletState load() {
                return saved.copy();
            }

            @Override
            public synchronized void save(WalletState state) {
                saved = state.copy();
            }
        };
    }

    /**
     * A JSON-lines file replaced atomically on every save, written only while {@code lock} (the
     * wallet's writer lock) is held: the holder is the only writer, so the state it loaded after
     * taking the lock plus its own changes is exactly what is on disk, and a save never drops a
     * record written by another process.
     */
    static StateStore file(Path path, AtomicFiles files, WalletLock lock) {
        return new StateStore() {
            @Override
            public WalletState load() {
                return read(path);
            }

            @Override
            public void save(WalletState state) {
                if (!lock.isHeld()) {
                    throw new WalletFileException("not writing " + path + ": this process no longer holds the"
                            + " wallet's lock");
                }
                try {
                    files.write(path, state.toJsonLines());
                } catch (IOException e) {
                    throw new WalletFileException("cannot write wallet state " + path + ": " + e.getMessage(), e);
                }
            }

            @Override
            public boolean durable() {
                return true;
            }
        };
    }

    /**
     * The state file read once, never written: changes (a sync's new records) stay in memory.
     * For read-only commands that run beside the process holding the wallet's lock.
     */
    static StateStore readOnly(Path path) {
        return new StateStore() {
            private WalletState current;

            @Override
            public synchronized WalletState load() {
                if (current == null) {
                    current = read(path);
                }
                return current.copy();
            }

            @Override
            public synchronized void save(WalletState state) {
                current = state.copy();
            }
        };
    }

    /** Reads a state file; a missing file is a fresh state. */
    static WalletState read(Path path) {
        try {
            return WalletState.parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
        } catch (NoSuchFileException e) {
            return new WalletState();
        } catch (IOException e) {
            throw WalletFileException.cannotRead("wallet state", path, e);
        }
    }
}
