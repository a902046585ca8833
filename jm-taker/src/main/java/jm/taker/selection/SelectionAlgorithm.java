package jm.taker.selection;

import java.util.Locale;
import java.util.Optional;

/** How counterparties are picked from the filtered offers (PROTOCOL.md 9.2). */
public enum SelectionAlgorithm {
    /** Default: slots filled by bond value, with a bondless allowance. */
    FIDELITY_BOND_WEIGHTED("fidelity_bond_weighted"),
    /** Lowest net fee first. */
    CHEAPEST("cheapest"),
    /** Exponentially weighted towards cheap offers. */
    WEIGHTED("weighted"),
    /** Uniform. */
    RANDOM("random");

    private final String configName;

    SelectionAlgorithm(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** Parses a config value such as {@code fidelity_bond_weighted} (also with '-' and any case). */
    public static Optional<SelectionAlgorithm> fromConfigName(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String n = s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (SelectionAlgorithm a : values()) {
            if (a.configName.equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
