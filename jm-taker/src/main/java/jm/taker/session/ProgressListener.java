package jm.taker.session;

import java.util.List;
import jm.core.Nick;
import org.bitcoinj.base.Sha256Hash;

/**
 * What a running CoinJoin tells its owner, always on the session's thread: one human-readable
 * line per event tagged with its phase ({@link #onProgress}, the only method to implement) and,
 * for programs (daemon, tumbler), typed events with empty defaults. Implementations must return
 * quickly and must not block on the session.
 */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(Phase phase, String message);

    /** The session moved from one phase to the next ({@code to} is {@link Phase#DONE} or {@link Phase#FAILED} at the end). */
    default void onPhase(Phase from, Phase to) {
    }

    /** An offer from {@code maker} was booked during the orderbook wait. */
    default void onOffer(Nick maker) {
    }

    /** A fill round starts with these makers (round 1: the first choice; later rounds: replacements). */
    default void onMakersChosen(int round, List<Nick> makers) {
    }

    /** The unsigned transaction was built and sent to the makers; its txid is final from here on. */
    default void onTransaction(Sha256Hash txid) {
    }

    ProgressListener NONE = (p, m) -> { };
}
