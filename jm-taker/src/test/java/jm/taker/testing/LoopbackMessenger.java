package jm.taker.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jm.core.Nick;
import jm.core.command.EncryptedCommand;
import jm.core.command.PlaintextCommand;
import jm.core.command.PrivateCommand;
import jm.core.crypto.NickKey;
import jm.taker.session.CoinJoinSession;
import jm.taker.session.TakerMessenger;

/**
 * Connects a session to scripted makers in memory. Makers run on their own thread (as if
 * remote); replies are delivered back through {@link CoinJoinSession#onPrivate}.
 */
public final class LoopbackMessenger implements TakerMessenger, AutoCloseable {
    private final Nick own = NickKey.fromPrivateKey(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32}).nick();
    private final Map<Nick, ScriptedMaker> makers = new LinkedHashMap<>();
    private final ExecutorService makerThread = Executors.newSingleThreadExecutor();
    private final java.util.concurrent.ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private volatile CoinJoinSession session;
    private final java.util.Set<Nick> lateResponders = new java.util.HashSet<>();
    private volatile boolean endWaitAfterOffers;

    public LoopbackMessenger(List<ScriptedMaker> makers) {
        makers.forEach(m -> this.makers.put(m.nick(), m));
    }

    public void attach(CoinJoinSession s) {
        this.session = s;
    }

    /** Once every maker's offers are delivered, end the session's orderbook wait (as jm-demo does). */
    public void endOrderbookWaitAfterOffers() {
        endWaitAfterOffers = true;
    }

    /** Replies of this maker are delivered 300 ms late (after the others on loopback). */
    public void deliverLate(Nick maker) {
        lateResponders.add(maker);
    }

    @Override
    public Nick ownNick() {
        return own;
    }

    @Override
    public void requestOrderbook() {
        for (ScriptedMaker m : makers.values()) {
            makerThread.execute(() -> session.onPrivate(m.nick(), m.offers(own)));
        }
        if (endWaitAfterOffers) {
            makerThread.execute(() -> session.endOrderbookWait());
        }
    }

    @Override
    public void send(Nick to, PlaintextCommand command) {
        deliver(to, command);
    }

    @Override
    public void send(Nick to, EncryptedCommand command) {
        deliver(to, command);
    }

    private void deliver(Nick to, Object command) {
        ScriptedMaker m = makers.get(to);
        if (m == null) {
            return;
        }
        makerThread.execute(() -> {
            List<PrivateCommand> replies = m.handle(command);
            if (replies.isEmpty()) {
                return;
            }
            if (lateResponders.contains(to)) {
                later.schedule(() -> session.onPrivate(to, replies), 300, java.util.concurrent.TimeUnit.MILLISECONDS);
            } else {
                session.onPrivate(to, replies);
            }
        });
    }

    @Override
    public void close() {
        makerThread.shutdownNow();
        later.shutdownNow();
    }
}
