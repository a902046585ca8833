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

    /** A JSON-lines file replaced atomically on every save. */
    static StateStore file(Path path, AtomicFiles files) {
        return new StateStore() {
            @Override
            public WalletState load() {
                try {
                    return WalletState.parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
                } catch (NoSuchFileException e) {
                    return new WalletState();
                } catch (IOException e) {
                    throw new WalletFileException("cannot read wallet state " + path + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void save(WalletState state) {
                try {
                    files.write(path, state.toJsonLines());
                } catch (IOException e) {
                    throw new WalletFileException("cannot write wallet state " + path + ": " + e.getMessage(), e);
                }
            }
        };
    }
}
