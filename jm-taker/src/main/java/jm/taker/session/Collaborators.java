package jm.taker.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import jm.chain.ChainBackend;
import jm.taker.podle.UsedCommitmentStore;

/**
 * What a session is given and never changes: its settings, request, ports, session thread,
 * randomness and clock. The phases take it instead of a dozen constructor arguments each; it holds
 * no session state.
 *
 * @param executor the session thread: every state change runs on it
 */
record Collaborators(TakerConfig cfg, CoinJoinRequest req, TakerMessenger net, ChainBackend chain,
        TakerWallet wallet, UsedCommitmentStore usedCommitments, ScheduledExecutorService executor, Random rng,
        SecureRandom secureRandom, Clock clock) {
    Collaborators {
        Objects.requireNonNull(cfg, "cfg");
        Objects.requireNonNull(req, "req");
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(wallet, "wallet");
        Objects.requireNonNull(usedCommitments, "usedCommitments");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(rng, "rng");
        Objects.requireNonNull(secureRandom, "secureRandom");
        Objects.requireNonNull(clock, "clock");
    }
}
