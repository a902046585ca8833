package jm.taker.session;

import java.util.List;
import java.util.function.IntConsumer;
import jm.core.Nick;
import jm.core.command.Push;
import jm.taker.broadcast.BroadcastPolicy;
import jm.taker.tx.CoinJoinTransaction;
import org.bitcoinj.base.Sha256Hash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BROADCAST and CONFIRMATION phases: the signed transaction goes out step by step as the
 * {@link BroadcastPolicy} plans it (our node, or makers asked with {@code !push}, each given
 * {@code broadcastTimeout} to get it into the mempool), then the first confirmation is awaited up
 * to {@code confirmationTimeout}. Polls run on the session's {@link Timers}. Session thread only.
 */
final class Broadcaster {
    private static final Logger LOG = LoggerFactory.getLogger(CoinJoinSession.class);

    private final SessionParts c;
    private final CoinJoinTransaction tx;
    private final IntConsumer onEnd;
    private List<BroadcastPolicy.Step> steps = List.of();

    /** @param onEnd gets the confirmations seen when the wait for them ends (the session succeeds) */
    Broadcaster(SessionParts c, CoinJoinTransaction tx, IntConsumer onEnd) {
        this.c = c;
        this.tx = tx;
        this.onEnd = onEnd;
    }

    CoinJoinTransaction transaction() {
        return tx;
    }

    private Sha256Hash txid() {
        return tx.transaction().getTxId();
    }

    /** BROADCAST: the policy's steps with {@code makers} (those in the transaction) as the peers to ask. */
    void start(List<Nick> makers) {
        steps = c.cfg().broadcast().plan(makers, c.rng());
        c.flow().enter(Phase.BROADCAST, "fully signed " + txid() + "; broadcast policy " + c.cfg().broadcast().configName());
        step(0);
    }

    private void step(int i) {
        if (!c.flow().in(Phase.BROADCAST)) {
            return;
        }
        if (i >= steps.size()) {
            c.flow().fail("no broadcast step got the transaction into the mempool");
            return;
        }
        BroadcastPolicy.Step step = steps.get(i);
        byte[] raw = tx.signedBytes();
        if (step.self()) {
            try {
                c.chain().broadcast(raw);
                c.flow().note("broadcast by our node");
                confirmationPhase();
            } catch (RuntimeException e) {
                if (seen()) {
                    confirmationPhase();
                } else {
                    c.flow().note("our node rejected the transaction: " + e.getMessage());
                    step(i + 1);
                }
            }
            return;
        }
        for (Nick peer : step.peers()) {
            try {
                c.net().send(peer, new Push(raw));
            } catch (RuntimeException e) {
                LOG.debug("{} push to {} failed: {}", c.net().ownNick(), peer, e.toString());
            }
        }
        c.flow().note("asked " + step.peers() + " to broadcast");
        c.flow().timers().poll(c.cfg().broadcastTimeout(), this::seen, this::confirmationPhase, () -> step(i + 1));
    }

    private boolean seen() {
        try {
            return c.chain().getConfirmations(txid()).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void confirmationPhase() {
        c.flow().enter(Phase.CONFIRMATION, txid() + " is in the mempool");
        if (c.cfg().confirmationTimeout().isZero()) {
            onEnd.accept(0);
            return;
        }
        c.flow().timers().poll(c.cfg().confirmationTimeout(), () -> confirmations() >= 1, () -> onEnd.accept(confirmations()),
                () -> onEnd.accept(confirmations()));
    }

    /** Confirmations of the transaction now (0 if unknown or the chain does not answer). */
    int confirmations() {
        try {
            return c.chain().getConfirmations(txid()).orElse(0);
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
