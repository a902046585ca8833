package jm.taker.selection;

import java.util.Objects;

/**
 * Everything that decides which makers are chosen.
 *
 * @param algorithm              the picking rule
 * @param feeLimits              per-maker fee ceiling
 * @param bondlessAllowance      probability that a slot of {@code fidelity_bond_weighted} is
 *                               filled uniformly instead of by bond value (NG 0.2, reference 0.125)
 * @param bondlessRequireZeroFee when some offer carries a bond, drop bondless offers that charge
 *                               a fee (NG). Without any bonded offer the rule is not applied,
 *                               since it would leave nothing to choose.
 */
public record SelectionPolicy(SelectionAlgorithm algorithm, FeeLimits feeLimits, double bondlessAllowance,
        boolean bondlessRequireZeroFee) {

    public static final SelectionPolicy DEFAULT =
            new SelectionPolicy(SelectionAlgorithm.FIDELITY_BOND_WEIGHTED, FeeLimits.NG_DEFAULTS, 0.2, true);

    public SelectionPolicy {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(feeLimits, "feeLimits");
        if (!(bondlessAllowance >= 0 && bondlessAllowance <= 1)) {
            throw new IllegalArgumentException("bondless_makers_allowance must be in [0, 1]");
        }
    }

    public SelectionPolicy withAlgorithm(SelectionAlgorithm a) {
        return new SelectionPolicy(a, feeLimits, bondlessAllowance, bondlessRequireZeroFee);
    }

    public SelectionPolicy withFeeLimits(FeeLimits f) {
        return new SelectionPolicy(algorithm, f, bondlessAllowance, bondlessRequireZeroFee);
    }
}
