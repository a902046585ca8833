package jm.taker.selection;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How counterparties are picked from the filtered offers (PROTOCOL.md 9.2). */
public enum SelectionAlgorithm {
    /** Default: slots filled by bond value, with a bondless allowance. */
    FIDELITY_BOND_WEIGHTED,
    /** Lowest net fee first. */
    CHEAPEST,
    /** Exponentially weighted towards cheap offers. */
    WEIGHTED,
    /** Uniform. */
    RANDOM;

    /** The {@code order_choose_fn} value: the name in lower case ({@code fidelity_bond_weighted}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a config value such as {@code fidelity_bond_weighted} (also with '-' and any case). */
    public static Optional<SelectionAlgorithm> fromConfigName(String s) {
        String n = s == null ? "" : s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(a -> a.name().equals(n)).findFirst();
    }
}
