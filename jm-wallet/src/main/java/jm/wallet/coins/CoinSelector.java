package jm.wallet.coins;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Coin selection over an already filtered list of eligible coins (one mixdepth, not frozen, not
 * bond, not locked, enough confirmations). Every result covers the target; ties in value are
 * broken by outpoint so results are deterministic except for {@link MergeAlgorithm#RANDOM}.
 */
public final class CoinSelector {
    private static final Comparator<WalletCoin> ASC =
            Comparator.comparingLong(WalletCoin::sats).thenComparing(WalletCoin::outpoint);

    private CoinSelector() {
    }

    /**
     * Selects coins worth at least {@code target} sats.
     *
     * @throws InsufficientFundsException if all of them together do not cover it
     */
    public static List<WalletCoin> select(List<WalletCoin> coins, long target, MergeAlgorithm algorithm,
                                          RandomGenerator random) {
        if (target <= 0) {
            throw new IllegalArgumentException("target must be positive: " + target);
        }
        long total = sum(coins);
        if (total < target) {
            throw new InsufficientFundsException(target, total);
        }
        List<WalletCoin> asc = new ArrayList<>(coins);
        asc.sort(ASC);
        List<WalletCoin> high = asc.stream().filter(c -> c.sats() >= target).toList();
        List<WalletCoin> low = asc.stream().filter(c -> c.sats() < target).toList();
        long lowSum = sum(low);
        List<WalletCoin> picked = switch (algorithm) {
            case DEFAULT -> high.isEmpty() ? largestFirst(low, target) : List.of(high.get(0));
            case GRADUAL -> lowSum < target ? List.of(high.get(0)) : gradual(low, target);
            case GREEDY -> lowSum < target ? List.of(high.get(0)) : greedy(low, target);
            case GREEDIEST -> lowSum < target ? List.of(high.get(0)) : smallestRun(low, target);
            case RANDOM -> random(asc, high, target, random);
        };
        if (sum(picked) < target) {
            throw new IllegalStateException("selection does not cover target");
        }
        return List.copyOf(picked);
    }

    /** Sum of values in sats. */
    public static long sum(List<WalletCoin> coins) {
        long s = 0;
        for (WalletCoin c : coins) {
            s = Math.addExact(s, c.sats());
        }
        return s;
    }

    private static List<WalletCoin> largestFirst(List<WalletCoin> lowAsc, long target) {
        List<WalletCoin> out = new ArrayList<>();
        long t = 0;
        for (int i = lowAsc.size() - 1; i >= 0 && t < target; i--) {
            out.add(lowAsc.get(i));
            t += lowAsc.get(i).sats();
        }
        return out;
    }

    private static List<WalletCoin> smallestRun(List<WalletCoin> lowAsc, long target) {
        List<WalletCoin> out = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < lowAsc.size() && t < target; i++) {
            out.add(lowAsc.get(i));
            t += lowAsc.get(i).sats();
        }
        return out;
    }

    private static List<WalletCoin> gradual(List<WalletCoin> lowAsc, long target) {
        int start = 0;
        int end = 0;
        long t = 0;
        while (t < target) {
            t += lowAsc.get(end).sats();
            end++;
        }
        while (t - lowAsc.get(start).sats() >= target) {
            t -= lowAsc.get(start).sats();
            start++;
        }
        return new ArrayList<>(lowAsc.subList(start, end));
    }

    private static List<WalletCoin> greedy(List<WalletCoin> lowAsc, long target) {
        int cross = 0;
        long t = 0;
        while (t < target) {
            t += lowAsc.get(cross).sats();
            cross++;
        }
        List<WalletCoin> out = new ArrayList<>();
        out.add(lowAsc.get(cross - 1));
        long kept = t;
        for (int i = cross - 2; i >= 0; i--) {
            long v = lowAsc.get(i).sats();
            if (kept - v >= target) {
                kept -= v;
            } else {
                out.add(lowAsc.get(i));
            }
        }
        return out;
    }

    private static List<WalletCoin> random(List<WalletCoin> asc, List<WalletCoin> high, long target,
                                           RandomGenerator random) {
        if (!high.isEmpty()) {
            return List.of(high.get(random.nextInt(high.size())));
        }
        List<WalletCoin> shuffled = new ArrayList<>(asc);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            Collections.swap(shuffled, i, random.nextInt(i + 1));
        }
        List<WalletCoin> out = new ArrayList<>();
        long t = 0;
        for (WalletCoin c : shuffled) {
            if (t >= target) {
                break;
            }
            out.add(c);
            t += c.sats();
        }
        return out;
    }
}
