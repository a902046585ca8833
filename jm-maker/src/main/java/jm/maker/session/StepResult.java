package jm.maker.session;

import java.util.Objects;

/** Finding the session an {@code !auth} or {@code !tx} belongs to. */
public sealed interface StepResult {

    record Found(MakerSession session) implements StepResult {
        public Found {
            Objects.requireNonNull(session);
        }
    }

    record Refused(Reason reason) implements StepResult {
        public Refused {
            Objects.requireNonNull(reason);
        }
    }

    enum Reason {
        /** No live session for this nick. */
        NO_SESSION,
        /** The session is at another step (e.g. {@code !tx} before {@code !auth}). */
        WRONG_STATE,
        /** The session timed out (and has now been removed). */
        SESSION_EXPIRED
    }
}
