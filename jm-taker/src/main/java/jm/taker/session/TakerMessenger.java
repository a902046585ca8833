package jm.taker.session;

import jm.core.Nick;
import jm.core.command.EncryptedCommand;
import jm.core.command.PlaintextCommand;

/**
 * How the taker talks to makers. Implemented over jm-net's message channel (direct
 * connection to a maker when possible, directory relay otherwise); tests use a loopback fake.
 * Sends never block for long and never throw on a peer's absence: an unreachable maker
 * simply does not answer and is replaced.
 */
public interface TakerMessenger {

    /** Our nick for this run (bond proofs are bound to it). */
    Nick ownNick();

    /** Asks every directory (and directly connected maker) for offers: PUBMSG {@code !orderbook}. */
    void requestOrderbook();

    /** Sends a signed plaintext private command ({@code !fill}, {@code !push}). */
    void send(Nick to, PlaintextCommand command);

    /** Sends a signed encrypted private command ({@code !auth}, {@code !tx}). */
    void send(Nick to, EncryptedCommand command);

    /**
     * The maker was chosen: open a direct connection if its location allows. Completes when
     * the connection is up or cannot be made (never exceptionally); the session waits for it
     * a bounded time before sending {@code !fill}, then falls back to directory relay.
     */
    default java.util.concurrent.CompletableFuture<Void> prepareDirect(Nick maker) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
}
