package jm.maker.bot;

import java.util.Optional;
import jm.core.Nick;

/** Our fidelity-bond proof for a taker, if we have a bond (PROTOCOL.md 10.2). */
@FunctionalInterface
public interface BondSource {

    /** Base64 {@code !tbond} proof binding {@code taker} and {@code maker}, or empty without a bond. */
    Optional<String> proof(Nick taker, Nick maker);

    BondSource NONE = (taker, maker) -> Optional.empty();
}
