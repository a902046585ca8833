package jm.taker.session;

/** Receives human-readable progress, one line per event, tagged with its phase. */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(Phase phase, String message);

    ProgressListener NONE = (p, m) -> { };
}
