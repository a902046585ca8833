package jm.tumbler.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A wallet, a market and a chain for executor tests: CoinJoins move coins between mixdepths and
 * to destinations, transactions enter a mempool and confirm when time passes ({@link #waits}),
 * a test can make CoinJoins fail or keep a signed one from reaching the node.
 */
final class FakeMarket implements CoinJoinPort {
    final Map<Integer, Long> balances = new HashMap<>();
    final Map<String, Long> received = new LinkedHashMap<>();
    /** txid -> confirmations (0 in the mempool). */
    final Map<String, Integer> chain = new HashMap<>();
    /** raw tx -> what it does when it reaches the node. */
    private final Map<String, Runnable> effects = new HashMap<>();
    final List<Request> requests = new ArrayList<>();
    /** When set, a CoinJoin counts it down and blocks until interrupted, then fails as an RPC call does. */
    volatile java.util.concurrent.CountDownLatch blockInCoinJoin;
    /** Outcomes to return before real CoinJoins happen: failures queued by tests. */
    final List<String> failures = new ArrayList<>();
    /** When set, the next signed transaction does not reach the node (the process died first). */
    boolean loseNextBroadcast;
    boolean refuseRebroadcast;
    boolean keepRawTx = true;
    /** When set, the next CoinJoin reports a failure although its transaction reached the node. */
    boolean failAfterBroadcast;
    int counter;
    final FakeWaits waits = new FakeWaits();

    final class FakeWaits implements Waits {
        Instant now = Instant.parse("2026-12-06T00:00:00Z");
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public void sleepUntil(Instant t) {
            if (t.isAfter(now)) {
                sleeps.add(Duration.between(now, t));
                now = t;
            }
            chain.replaceAll((id, c) -> c + 1); // a block per wait
        }
    }

    @Override
    public long balance(int mixdepth) {
        return balances.getOrDefault(mixdepth, 0L);
    }

    @Override
    public Outcome coinJoin(Request r, BeforeBroadcast beforeBroadcast) {
        requests.add(r);
        java.util.concurrent.CountDownLatch b = blockInCoinJoin;
        if (b != null) {
            b.countDown();
            try {
                new java.util.concurrent.CountDownLatch(1).await();
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted during rpc listunspent"); // as the RPC client reports it
            }
        }
        if (!failures.isEmpty()) {
            return new Failed(failures.remove(0));
        }
        long have = balance(r.mixdepth());
        long amount = r.amountSats() == 0 ? have - 100 : r.amountSats();
        long spent = r.amountSats() == 0 ? have : amount + 100;
        if (spent > have) {
            return new Failed("not enough coins in mixdepth " + r.mixdepth());
        }
        String txid = HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(32).putInt(28, ++counter).array());
        String raw = "raw" + txid;
        effects.put(raw, () -> {
            balances.merge(r.mixdepth(), -spent, Long::sum);
            if (r.destination().isPresent()) {
                received.merge(r.destination().get(), amount, Long::sum);
            } else {
                balances.merge((r.mixdepth() + 1) % 5, amount, Long::sum);
            }
            chain.put(txid, 0);
        });
        beforeBroadcast.built(txid, keepRawTx ? Optional.of(raw) : Optional.empty());
        if (loseNextBroadcast) {
            loseNextBroadcast = false;
            throw new FakeCrash("died between signing and broadcast");
        }
        effects.get(raw).run();
        if (failAfterBroadcast) {
            failAfterBroadcast = false;
            return new Failed("timed out waiting for a maker's broadcast");
        }
        return new Sent(txid, amount, 100);
    }

    @Override
    public Optional<Integer> confirmations(String txid) {
        return Optional.ofNullable(chain.get(txid));
    }

    @Override
    public Optional<String> rebroadcast(String rawTxHex) {
        if (refuseRebroadcast) {
            return Optional.of("bad-txns-inputs-missingorspent");
        }
        String txid = rawTxHex.substring(3);
        if (!chain.containsKey(txid)) {
            effects.get(rawTxHex).run();
        }
        return Optional.empty();
    }

    /** A simulated kill -9: nothing after the throw point happens. */
    static final class FakeCrash extends RuntimeException {
        FakeCrash(String m) {
            super(m);
        }
    }
}
