package jm.taker.broadcast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import jm.core.Nick;

/** Who broadcasts the finished CoinJoin ({@code tx_broadcast}, PROTOCOL.md 9.6). */
public enum BroadcastPolicy {
    /** Our own node. */
    SELF,
    /** Default: uniformly one of the makers or ourselves; a maker that fails is followed by us. */
    RANDOM_PEER,
    /** {@code !push} to up to 3 random makers at once, then ourselves. */
    MULTIPLE_PEERS,
    /** Makers only, one after another in random order; never ourselves. */
    NOT_SELF;

    /** NG's {@code broadcast_peer_count}. */
    public static final int PEER_COUNT = 3;

    /** The {@code tx_broadcast} value: the name in lower case with '-' ({@code random-peer}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a {@code tx_broadcast} value such as {@code random-peer} (also with '_' and any case). */
    public static Optional<BroadcastPolicy> fromConfigName(String s) {
        String n = s == null ? "" : s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(p -> p.name().equals(n)).findFirst();
    }

    /**
     * One broadcast step: push to these makers (empty list = broadcast ourselves). Steps are
     * tried in order until the transaction is seen.
     */
    public record Step(List<Nick> peers) {
        public Step {
            peers = List.copyOf(peers);
        }

        public boolean self() {
            return peers.isEmpty();
        }
    }

    /** The ordered steps for this policy among {@code makers}. */
    public List<Step> plan(List<Nick> makers, Random rng) {
        List<Nick> shuffled = new ArrayList<>(makers);
        Collections.shuffle(shuffled, rng);
        List<Step> steps = new ArrayList<>();
        switch (this) {
            case SELF:
                steps.add(new Step(List.of()));
                break;
            case RANDOM_PEER:
                int pick = rng.nextInt(makers.size() + 1);
                if (pick < makers.size()) {
                    steps.add(new Step(List.of(shuffled.get(pick))));
                }
                steps.add(new Step(List.of()));
                break;
            case MULTIPLE_PEERS:
                if (!shuffled.isEmpty()) {
                    steps.add(new Step(shuffled.subList(0, Math.min(PEER_COUNT, shuffled.size()))));
                }
                steps.add(new Step(List.of()));
                break;
            case NOT_SELF:
            default:
                for (Nick n : shuffled) {
                    steps.add(new Step(List.of(n)));
                }
                break;
        }
        return List.copyOf(steps);
    }
}
