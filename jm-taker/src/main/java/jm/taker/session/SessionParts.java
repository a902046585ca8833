package jm.taker.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import jm.chain.ChainBackend;
import jm.taker.podle.UsedCommitmentStore;

/**
 * The parts of one session every phase object works with: what it was given (settings, request,
 * ports, session thread, randomness, clock, self-CoinJoin guard) and the two shared objects, the
 * {@link SessionFlow} (phase, progress, timers, failure) and the {@link MakerRoster} (the makers).
 * Each phase keeps its own state; this record only hands the parts around.
 *
 * @param executor the session thread: every state change runs on it
 */
record SessionParts(TakerConfig cfg, CoinJoinRequest req, TakerMessenger net, ChainBackend chain,
        TakerWallet wallet, UsedCommitmentStore usedCommitments, ScheduledExecutorService executor, Random rng,
        SecureRandom secureRandom, Clock clock, OwnNicks ownNicks, SessionFlow flow, MakerRoster roster) {
}
