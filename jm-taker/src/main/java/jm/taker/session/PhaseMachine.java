package jm.taker.session;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The session's phase and the only way to change it: {@link #transition} checks that the session
 * is where the caller believes it is and that the step is one of the legal ones below, so a wrong
 * step is an error at once instead of a report naming the wrong phase. Not thread-safe: used on the
 * session thread only.
 */
final class PhaseMachine {
    private static final Map<Phase, Set<Phase>> LEGAL = new EnumMap<>(Phase.class);

    static {
        LEGAL.put(Phase.PREFLIGHT, EnumSet.of(Phase.ORDERBOOK, Phase.FAILED));
        LEGAL.put(Phase.ORDERBOOK, EnumSet.of(Phase.FILL, Phase.FAILED));
        // a new fill round (replacements) may start while filling or authorising
        LEGAL.put(Phase.FILL, EnumSet.of(Phase.FILL, Phase.AUTH, Phase.TX, Phase.FAILED));
        LEGAL.put(Phase.AUTH, EnumSet.of(Phase.FILL, Phase.TX, Phase.FAILED));
        LEGAL.put(Phase.TX, EnumSet.of(Phase.SIG, Phase.FAILED));
        // a bad or missing signature restarts with new makers (a new fill round)
        LEGAL.put(Phase.SIG, EnumSet.of(Phase.FILL, Phase.BROADCAST, Phase.FAILED));
        LEGAL.put(Phase.BROADCAST, EnumSet.of(Phase.CONFIRMATION, Phase.FAILED));
        LEGAL.put(Phase.CONFIRMATION, EnumSet.of(Phase.DONE, Phase.FAILED));
        LEGAL.put(Phase.DONE, EnumSet.noneOf(Phase.class));
        LEGAL.put(Phase.FAILED, EnumSet.noneOf(Phase.class));
    }

    private Phase current = Phase.PREFLIGHT;

    Phase current() {
        return current;
    }

    /** Whether the session is in one of {@code phases}. */
    boolean in(Phase... phases) {
        for (Phase p : phases) {
            if (current == p) {
                return true;
            }
        }
        return false;
    }

    boolean finished() {
        return in(Phase.DONE, Phase.FAILED);
    }

    /** Whether {@code from -> to} is a legal step. */
    static boolean legal(Phase from, Phase to) {
        return LEGAL.get(from).contains(to);
    }

    /**
     * Moves from {@code from} to {@code to}.
     *
     * @throws IllegalStateException if the session is not in {@code from} or the step is not legal
     */
    void transition(Phase from, Phase to) {
        if (current != from) {
            throw new IllegalStateException("transition " + from + " -> " + to + " while in " + current);
        }
        if (!legal(from, to)) {
            throw new IllegalStateException("illegal transition " + from + " -> " + to);
        }
        current = to;
    }
}
