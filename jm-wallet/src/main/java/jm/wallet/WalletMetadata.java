package jm.wallet;

import java.util.function.Consumer;
import jm.wallet.store.StateStore;
import jm.wallet.store.WalletState;

/**
 * The wallet's persisted metadata: a copy-on-write {@link WalletState} that is saved before a
 * change becomes visible.
 *
 * <p>Its monitor is the wallet's one lock: every part of the wallet guards its in-memory state
 * with {@code synchronized (metadata)}, and none holds it while it calls the chain backend.
 */
final class WalletMetadata {
    private final StateStore store;
    private WalletState state; // guarded by this

    WalletMetadata(StateStore store) {
        this.store = store;
        this.state = store.load();
    }

    /** The current state. Read it only, never change it (use {@link #update}). */
    synchronized WalletState current() {
        return state;
    }

    /**
     * Applies {@code change} to a copy of the state; if that changed anything, saves the copy
     * (throwing, with nothing changed, if saving fails) and makes it current.
     *
     * @return whether anything changed
     */
    synchronized boolean update(Consumer<WalletState> change) {
        WalletState next = state.copy();
        change.accept(next);
        if (next.equals(state)) {
            return false;
        }
        store.save(next);
        state = next;
        return true;
    }
}
