package jm.taker.selection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import jm.core.Nick;
import jm.core.Sats;
import jm.taker.offer.MakerOffer;

/**
 * Filters offers and picks counterparties (PROTOCOL.md 9.2). Pure: randomness is passed in,
 * so a seeded {@link Random} gives a reproducible choice.
 */
public final class MakerSelector {
    /** Default lower bound of the random counterparty count. */
    public static final int DEFAULT_MIN_COUNTERPARTIES = 8;
    /** Default upper bound (inclusive). */
    public static final int DEFAULT_MAX_COUNTERPARTIES = 10;

    private final SelectionPolicy policy;

    public MakerSelector(SelectionPolicy policy) {
        this.policy = Objects.requireNonNull(policy);
    }

    /** Random 8..10, the reference default. */
    public static int randomCounterpartyCount(Random rng) {
        return DEFAULT_MIN_COUNTERPARTIES + rng.nextInt(DEFAULT_MAX_COUNTERPARTIES - DEFAULT_MIN_COUNTERPARTIES + 1);
    }

    /**
     * The offers eligible for {@code amount}: native-segwit type, not ignored, amount strictly
     * inside the offer's range, txfee not above the amount, within the fee limits, and one per
     * maker (the cheapest by net fee).
     */
    public List<MakerOffer> eligible(List<MakerOffer> offers, Sats amount, Set<Nick> ignored) {
        List<MakerOffer> out = new ArrayList<>();
        for (MakerOffer o : offers) {
            if (!o.nativeSegwit() || ignored.contains(o.maker()) || !o.acceptsAmountStrictly(amount)
                    || o.txFee().compareTo(amount) > 0 || !policy.feeLimits().allows(o, amount)) {
                continue;
            }
            int existing = indexOfMaker(out, o.maker());
            if (existing < 0) {
                out.add(o);
            } else if (o.netFeeSats(amount) < out.get(existing).netFeeSats(amount)) {
                out.set(existing, o);
            }
        }
        if (policy.algorithm() == SelectionAlgorithm.FIDELITY_BOND_WEIGHTED && policy.bondlessRequireZeroFee()
                && out.stream().anyMatch(MakerOffer::hasBond)) {
            out.removeIf(o -> !o.hasBond() && o.cjFeeSats(amount).value() > 0);
        }
        return out;
    }

    /**
     * Why offers are not eligible for {@code amount}: counts per reason (for telling the user
     * why too few makers are left), in a stable order.
     */
    public java.util.Map<String, Integer> explainIneligible(List<MakerOffer> offers, Sats amount, Set<Nick> ignored) {
        java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (MakerOffer o : offers) {
            String why;
            if (ignored.contains(o.maker())) {
                why = "failed earlier";
            } else if (!o.nativeSegwit()) {
                why = "not native segwit";
            } else if (!o.acceptsAmountStrictly(amount)) {
                why = "amount outside their size range";
            } else if (o.txFee().compareTo(amount) > 0) {
                why = "txfee above the amount";
            } else if (!policy.feeLimits().allows(o, amount)) {
                why = "fee above max_cj_fee_abs/max_cj_fee_rel";
            } else {
                continue;
            }
            out.merge(why, 1, Integer::sum);
        }
        return out;
    }

    /**
     * Chooses up to {@code n} distinct makers among the eligible offers. Returns fewer when
     * fewer are eligible; the caller decides whether that is enough.
     */
    public List<MakerOffer> choose(List<MakerOffer> offers, Sats amount, int n, Set<Nick> ignored, Random rng) {
        if (n < 1) {
            throw new IllegalArgumentException("n < 1");
        }
        List<MakerOffer> pool = eligible(offers, amount, ignored);
        // Deterministic starting order so that a seeded Random gives a reproducible result.
        pool.sort(Comparator.comparing(o -> o.maker().value()));
        switch (policy.algorithm()) {
            case CHEAPEST:
                pool.sort(Comparator.comparingLong((MakerOffer o) -> o.netFeeSats(amount))
                        .thenComparing(o -> o.maker().value()));
                return List.copyOf(pool.subList(0, Math.min(n, pool.size())));
            case RANDOM:
                return pickUniform(pool, n, rng);
            case WEIGHTED:
                return pickFeeWeighted(pool, amount, n, rng);
            case FIDELITY_BOND_WEIGHTED:
            default:
                return pickBondWeighted(pool, n, rng);
        }
    }

    /**
     * The chance that each offer of {@code pool} (already eligible, one per maker) is the first
     * pick of {@code fidelity_bond_weighted}, as the reference draws it: with probability
     * {@code bondlessAllowance} a uniform pick among all offers, otherwise a pick among the
     * bonded offers weighted by bond value (uniform among all when none has a bond).
     */
    public static double[] bondWeightedFirstPickShares(List<MakerOffer> pool, double bondlessAllowance) {
        int n = pool.size();
        double[] out = new double[n];
        double total = pool.stream().mapToDouble(MakerOffer::bondValue).sum();
        for (int i = 0; i < n; i++) {
            double weighted = total > 0 ? pool.get(i).bondValue() / total : 1.0 / n;
            out[i] = bondlessAllowance / n + (1 - bondlessAllowance) * weighted;
        }
        return out;
    }

    /**
     * For progress lines under {@code fidelity_bond_weighted}: each chosen maker with its bond
     * value and its first-pick chance among {@code pool} (the eligible offers), e.g.
     * {@code "; bond weights: J5a... bond 1.23e+08 (first-pick chance 61.2%), J5b... no bond (4.4%)"}.
     * Empty for the other algorithms.
     */
    public String describeBondWeights(List<MakerOffer> chosen, List<MakerOffer> pool) {
        if (policy.algorithm() != SelectionAlgorithm.FIDELITY_BOND_WEIGHTED || chosen.isEmpty()) {
            return "";
        }
        double[] shares = bondWeightedFirstPickShares(pool, policy.bondlessAllowance());
        StringBuilder b = new StringBuilder("; bond weights: ");
        for (int i = 0; i < chosen.size(); i++) {
            MakerOffer o = chosen.get(i);
            int at = indexOfMaker(pool, o.maker());
            b.append(i == 0 ? "" : ", ").append(o.maker().value())
                    .append(o.hasBond() ? String.format(java.util.Locale.ROOT, " bond %.3g", o.bondValue()) : " no bond")
                    .append(at < 0 ? "" : String.format(java.util.Locale.ROOT, " (first-pick chance %.1f%%)",
                            100 * shares[at]));
        }
        return b.toString();
    }

    private static List<MakerOffer> pickUniform(List<MakerOffer> pool, int n, Random rng) {
        List<MakerOffer> rest = new ArrayList<>(pool);
        List<MakerOffer> chosen = new ArrayList<>();
        while (chosen.size() < n && !rest.isEmpty()) {
            chosen.add(rest.remove(rng.nextInt(rest.size())));
        }
        return List.copyOf(chosen);
    }

    private List<MakerOffer> pickBondWeighted(List<MakerOffer> pool, int n, Random rng) {
        List<MakerOffer> rest = new ArrayList<>(pool);
        List<MakerOffer> chosen = new ArrayList<>();
        while (chosen.size() < n && !rest.isEmpty()) {
            int idx;
            double total = rest.stream().mapToDouble(MakerOffer::bondValue).sum();
            if (rng.nextDouble() < policy.bondlessAllowance() || !(total > 0)) {
                idx = rng.nextInt(rest.size());
            } else {
                idx = weightedIndex(rest.stream().mapToDouble(MakerOffer::bondValue).toArray(), total, rng);
            }
            chosen.add(rest.remove(idx));
        }
        return List.copyOf(chosen);
    }

    /**
     * P(offer) proportional to exp(-(fee - minFee) / phi), phi = fee of the 3n-th cheapest
     * offer (or the last) minus minFee; uniform when phi is 0.
     */
    private static List<MakerOffer> pickFeeWeighted(List<MakerOffer> pool, Sats amount, int n, Random rng) {
        List<MakerOffer> rest = new ArrayList<>(pool);
        rest.sort(Comparator.comparingLong((MakerOffer o) -> o.netFeeSats(amount)).thenComparing(o -> o.maker().value()));
        if (rest.isEmpty()) {
            return List.of();
        }
        long min = rest.get(0).netFeeSats(amount);
        long phi = rest.get(Math.min(3 * n, rest.size()) - 1).netFeeSats(amount) - min;
        List<MakerOffer> chosen = new ArrayList<>();
        while (chosen.size() < n && !rest.isEmpty()) {
            int idx;
            if (phi == 0) {
                idx = rng.nextInt(rest.size());
            } else {
                double[] w = new double[rest.size()];
                double total = 0;
                for (int i = 0; i < w.length; i++) {
                    w[i] = Math.exp(-(double) (rest.get(i).netFeeSats(amount) - min) / phi);
                    total += w[i];
                }
                idx = weightedIndex(w, total, rng);
            }
            chosen.add(rest.remove(idx));
        }
        return List.copyOf(chosen);
    }

    private static int weightedIndex(double[] weights, double total, Random rng) {
        double r = rng.nextDouble() * total;
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i];
            if (r < acc) {
                return i;
            }
        }
        for (int i = weights.length - 1; i >= 0; i--) {
            if (weights[i] > 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static int indexOfMaker(List<MakerOffer> list, Nick maker) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).maker().equals(maker)) {
                return i;
            }
        }
        return -1;
    }

    /** Sum of the CoinJoin fees of the chosen offers at {@code amount}. */
    public static Sats totalCjFee(List<MakerOffer> chosen, Sats amount) {
        Sats sum = Sats.ZERO;
        for (MakerOffer o : chosen) {
            sum = sum.plus(o.cjFeeSats(amount));
        }
        return sum;
    }

    /** Sum of the makers' txfee contributions. */
    public static Sats totalMakerTxFee(List<MakerOffer> chosen) {
        Sats sum = Sats.ZERO;
        for (MakerOffer o : chosen) {
            sum = sum.plus(o.txFee());
        }
        return sum;
    }

}
