package jm.taker.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import jm.core.Nick;
import jm.core.command.EncryptedCommand;
import jm.core.command.PlaintextCommand;
import jm.core.command.PrivateCommand;
import jm.core.crypto.NickKey;
import jm.taker.session.CoinJoinSession;
import jm.taker.session.TakerMessenger;

/**
 * Connects a session to scripted makers in memory. Makers run on the given executor (as if
 * remote); replies are delivered back through {@link CoinJoinSession#onPrivate}. Replies of a
 * maker marked {@linkplain #deliverLate late} are held until {@link #releaseHeld()} (a test driver
 * calls it once everything else has settled).
 */
public final class LoopbackMessenger implements TakerMessenger {
    private final Nick own = NickKey.fromPrivateKey(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32}).nick();
    private final Map<Nick, ScriptedMaker> makers = new LinkedHashMap<>();
    private final Executor makerThread;
    private final Set<Nick> lateResponders = new HashSet<>();
    private final List<Runnable> held = new ArrayList<>();
    private volatile CoinJoinSession session;
    private volatile boolean endWaitAfterOffers;

    /** @param makerThread a single thread for every maker's work */
    public LoopbackMessenger(List<ScriptedMaker> makers, Executor makerThread) {
        makers.forEach(m -> this.makers.put(m.nick(), m));
        this.makerThread = makerThread;
    }

    public void attach(CoinJoinSession s) {
        this.session = s;
    }

    /** Once every maker's offers are delivered, end the session's orderbook wait (as jm-demo does). */
    public void endOrderbookWaitAfterOffers() {
        endWaitAfterOffers = true;
    }

    /** Replies of this maker are held back until {@link #releaseHeld()}: they arrive after the others'. */
    public void deliverLate(Nick maker) {
        lateResponders.add(maker);
    }

    /** Delivers the held replies (in order); whether there were any. */
    public boolean releaseHeld() {
        List<Runnable> now;
        synchronized (held) {
            now = new ArrayList<>(held);
            held.clear();
        }
        now.forEach(makerThread::execute);
        return !now.isEmpty();
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
                synchronized (held) {
                    held.add(() -> session.onPrivate(to, replies));
                }
            } else {
                session.onPrivate(to, replies);
            }
        });
    }
}
