package jm.demo.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import jm.core.Nick;
import jm.core.Sats;
import jm.demo.market.BondSpend;
import jm.demo.market.CoinJoinRun;
import jm.demo.market.DemoMaker;
import jm.demo.market.DemoMarket;
import jm.demo.market.Route;
import jm.taker.session.CoinJoinReport;
import jm.taker.session.CoinJoinRequest;
import jm.taker.session.TakerConfig;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;

/**
 * The demo's three CoinJoins on a running market, each checked on chain: (1) over direct
 * connections from taker mixdepth 0, (2) relayed through the directory only from mixdepth 2,
 * (3) a sweep of mixdepth 4; then maker 1's fidelity bond, expired by mining past its locktime,
 * is spent. Progress goes to the output as it happens.
 */
public final class DemoScenario {
    /** Amount of the first CoinJoin (sats). */
    public static final long DIRECT_AMOUNT = 1_500_000;
    /** Amount of the second CoinJoin (sats). */
    public static final long RELAYED_AMOUNT = 2_000_000;
    /** The taker mixdepth each CoinJoin spends from. */
    public static final int DIRECT_MIXDEPTH = 0;
    public static final int RELAYED_MIXDEPTH = 2;
    public static final int SWEEP_MIXDEPTH = 4;

    private final DemoMarket market;
    private final Consumer<String> out;
    private final Map<String, String> scriptsSeen = new HashMap<>();
    private final List<String> crossProblems = new ArrayList<>();

    public DemoScenario(DemoMarket market, Consumer<String> out) {
        this.market = Objects.requireNonNull(market);
        this.out = Objects.requireNonNull(out);
    }

    /** Runs the three CoinJoins (stopping at the first failure), spends the expired bond, summarises. */
    public DemoSummary runStandard(Duration startup) throws InterruptedException {
        long t0 = System.nanoTime();
        int n = market.makers().size();
        List<CoinJoinResult> results = new ArrayList<>();
        TakerConfig cfg = market.takerConfig();
        CoinJoinResult r = run("CoinJoin 1/3 over direct connections", Route.DIRECT,
                new CoinJoinRequest(Sats.of(DIRECT_AMOUNT), DIRECT_MIXDEPTH, Optional.empty(), OptionalInt.of(n)), cfg);
        results.add(r);
        if (r.success()) {
            r = run("CoinJoin 2/3 relayed through the directory", Route.RELAYED,
                    new CoinJoinRequest(Sats.of(RELAYED_AMOUNT), RELAYED_MIXDEPTH, Optional.empty(),
                            OptionalInt.of(n)), cfg);
            results.add(r);
        }
        if (r.success()) {
            r = run("CoinJoin 3/3 sweep of taker mixdepth " + SWEEP_MIXDEPTH, Route.DIRECT,
                    new CoinJoinRequest(Sats.ZERO, SWEEP_MIXDEPTH, Optional.empty(), OptionalInt.of(n)), cfg);
            results.add(r);
        }
        Optional<BondSpend> bondSpend = r.success() ? spendExpiredBond() : Optional.empty();
        return new DemoSummary(results, bondSpend, crossProblems, startup,
                startup.plusNanos(System.nanoTime() - t0));
    }

    /** Lets maker 1's bond expire by mining and spends it; a failure is a problem of the run. */
    private Optional<BondSpend> spendExpiredBond() throws InterruptedException {
        out.accept("");
        out.accept("== Fidelity bond spent after expiry (regtest time moved past its locktime by mining)");
        try {
            BondSpend b = market.spendExpiredBond();
            out.accept("  bond:          " + b.bond().maker() + "'s " + b.bond().outpoint() + ", " + b.bond().sats()
                    + " sats, locktime " + b.bond().locktime() + " = " + Instant.ofEpochSecond(b.bond().locktime()));
            out.accept("  mined:         " + b.blocksMined() + " blocks; median time past "
                    + Instant.ofEpochSecond(b.medianTimePast()) + " is after the locktime");
            out.accept("  txid:          " + b.txid() + " (nLockTime " + b.lockTime() + ", nSequence 0x"
                    + Long.toHexString(b.sequence()) + ", witness <sig> <freeze script>)");
            out.accept("  paid:          " + b.amount() + " sats into a new bond locked until "
                    + Instant.ofEpochSecond(b.newLocktime()));
            out.accept("  on chain:      " + (b.confirmations() > 0 ? b.confirmations() + " confirmation(s), height "
                    + b.blockHeight() : "not confirmed"));
            if (b.confirmations() < 1) {
                crossProblems.add("the expired bond's spend " + b.txid() + " did not confirm");
            }
            out.accept("  result:        " + (b.confirmations() > 0 ? "OK" : "FAILED"));
            return Optional.of(b);
        } catch (RuntimeException e) {
            crossProblems.add("spending the expired bond failed: " + e.getMessage());
            out.accept("  result:        FAILED (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /** Runs one CoinJoin, prints its progress and result, and checks it. */
    public CoinJoinResult run(String title, Route route, CoinJoinRequest request, TakerConfig cfg)
            throws InterruptedException {
        out.accept("");
        out.accept("== " + title + " (" + (request.sweep() ? "sweep" : request.amount().value() + " sats")
                + ", " + route.label() + "; the orderbook wait ends once every maker has answered)");
        Map<Nick, Long> before = new LinkedHashMap<>();
        for (DemoMaker m : market.makers()) {
            before.put(m.nick(), m.totalBalance().value());
        }
        long t0 = System.nanoTime();
        CoinJoinRun run = market.coinJoin(route, request, cfg, (phase, msg) -> out.accept(String.format(Locale.ROOT,
                "  %5.1fs [%s] %s", (System.nanoTime() - t0) / 1e9, phase.name().toLowerCase(Locale.ROOT), msg)));
        CoinJoinResult result = check(title, route, request.sweep(), run, before);
        print(result);
        return result;
    }

    private CoinJoinResult check(String title, Route route, boolean sweep, CoinJoinRun run, Map<Nick, Long> before) {
        CoinJoinReport rep = run.report();
        List<String> problems = new ArrayList<>();
        if (!rep.success()) {
            problems.add("failed in phase " + rep.failedPhase().map(Enum::name).orElse("?") + ": "
                    + rep.failure().orElse("unknown"));
        }
        Map<Nick, DemoMaker> byNick = new HashMap<>();
        market.makers().forEach(m -> byNick.put(m.nick(), m));
        List<MakerShare> shares = new ArrayList<>();
        for (Map.Entry<Nick, Sats> e : rep.makerFees().entrySet()) {
            DemoMaker m = byNick.get(e.getKey());
            if (m == null) {
                problems.add("participant " + e.getKey() + " is not one of the demo makers");
                continue;
            }
            long change = m.totalBalance().value() - before.getOrDefault(m.nick(), 0L);
            MakerShare s = new MakerShare(m.name(), m.nick().value(), e.getValue().value(), m.offeredTxFee().value(),
                    change, run.reachedDirectly().contains(m.nick()));
            shares.add(s);
            if (rep.success() && s.balanceChange() != s.expectedChange()) {
                problems.add("maker " + m.name() + " balance changed by " + change + " sats, expected cjfee "
                        + s.cjFee() + " - txfee " + s.txFee() + " = " + s.expectedChange());
            }
            if (rep.success() && route == Route.DIRECT && !s.direct()) {
                if (market.tor().isPresent()) {
                    // over Tor the taker falls back to the directory by design when a maker's onion is
                    // momentarily unreachable (e.g. its descriptor is being re-published): a note, not a fault
                    out.accept("  note:          maker " + m.name() + " was reached through the directory: its onion"
                            + " did not answer within the taker's direct-connection wait");
                } else {
                    problems.add("maker " + m.name() + " was not reached over a direct connection");
                }
            }
            if (route == Route.RELAYED && s.direct()) {
                problems.add("maker " + m.name() + " was reached directly in a relay-only CoinJoin");
            }
        }
        shares.sort(java.util.Comparator.comparing(MakerShare::name));
        long amount = rep.amount().value();
        int equal = 0;
        if (rep.success()) {
            if (run.transaction().isEmpty()) {
                problems.add("the node does not know the transaction");
            }
            if (run.confirmations() < 1) {
                problems.add("not confirmed on chain");
            }
        }
        if (run.transaction().isPresent()) {
            Transaction tx = run.transaction().get();
            String txid = tx.getTxId().toString();
            for (TransactionOutput o : tx.getOutputs()) {
                if (o.getValue().value == amount) {
                    equal++;
                }
                String script = HexFormat.of().formatHex(o.getScriptBytes());
                String prev = scriptsSeen.putIfAbsent(script, txid);
                if (prev != null) {
                    String p = "output script " + script + " of " + txid + " was already used by " + prev;
                    problems.add(p);
                    crossProblems.add(p);
                }
            }
            if (equal != rep.makerFees().size() + 1) {
                problems.add(equal + " outputs of " + amount + " sats, expected " + (rep.makerFees().size() + 1));
            }
        }
        Map<String, String> dropped = new LinkedHashMap<>();
        rep.dropped().forEach((n, why) -> dropped.put(n.value(), why));
        return new CoinJoinResult(title, route, sweep, rep.txid().map(Object::toString), amount, equal, shares,
                rep.miningFee().value(), run.confirmations(), market.node().height(), dropped, rep.attempts(),
                run.elapsed(), run.fillToBroadcast(), problems);
    }

    private void print(CoinJoinResult r) {
        out.accept("  txid:          " + r.txid().orElse("-"));
        out.accept("  participants:  " + r.makers().size() + " makers + taker" + (r.route() == Route.DIRECT
                ? ", " + r.makers().stream().filter(MakerShare::direct).count() + " reached directly"
                : ", all via the directory"));
        out.accept("  equal outputs: " + r.equalOutputs() + " x " + r.equalAmount() + " sats");
        for (MakerShare s : r.makers()) {
            out.accept(String.format(Locale.ROOT, "  maker %-8s %s  fee %6d - txfee %4d = earned %6d sats"
                    + " (balance %+d)", s.name(), s.nick(), s.cjFee(), s.txFee(), s.expectedChange(),
                    s.balanceChange()));
        }
        r.dropped().forEach((n, why) -> out.accept("  dropped:       " + n + " (" + why + ")"));
        out.accept("  mining fee:    " + r.miningFee() + " sats");
        out.accept("  on chain:      " + (r.confirmations() > 0 ? r.confirmations() + " confirmation(s), height "
                + r.blockHeight() : "not confirmed"));
        out.accept(String.format(Locale.ROOT, "  result:        %s in %.1f s%s", r.success() ? "OK" : "FAILED",
                r.elapsed().toMillis() / 1000.0, r.fillToBroadcast().map(d -> String.format(Locale.ROOT,
                        " (!fill to broadcast %.2f s)", d.toMillis() / 1000.0)).orElse("")));
        r.problems().forEach(p -> out.accept("  problem:       " + p));
    }
}
