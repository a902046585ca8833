package jm.core.command;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.crypto.StrictHex;

/**
 * {@code !pubkey <maker_box_pk> [features=<a>,<b>]} (5.5): the maker's box key for this session.
 * Unknown trailing tokens are ignored.
 *
 * @param makerBoxPubHex 64 lowercase hex chars
 * @param features       features the maker signals (NG: {@code neutrino_compat}); sorted
 */
public record PubKey(String makerBoxPubHex, Set<String> features) implements PlaintextCommand {
    public static final String FEATURES_PREFIX = "features=";
    private static final int MAX_FEATURES = 32;

    public PubKey {
        try {
            StrictHex.decode(makerBoxPubHex, 32, "pubkey.key");
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        TreeSet<String> copy = new TreeSet<>();
        for (String f : features) {
            if (!isFeatureName(f)) {
                throw new IllegalArgumentException("invalid feature name: " + f);
            }
            copy.add(f);
        }
        features = Collections.unmodifiableSortedSet(copy);
    }

    public static PubKey of(String makerBoxPubHex) {
        return new PubKey(makerBoxPubHex, Set.of());
    }

    private static boolean isFeatureName(String f) {
        if (f == null || f.isEmpty() || f.length() > 64) {
            return false;
        }
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    public static PubKey parse(String args) throws ProtocolException {
        String[] t = Fields.split(args, 1, "pubkey", "maker box public key");
        StrictHex.decode(t[0], 32, "pubkey.key");
        TreeSet<String> features = new TreeSet<>();
        for (int i = 1; i < t.length; i++) {
            if (t[i].startsWith(FEATURES_PREFIX)) {
                String list = t[i].substring(FEATURES_PREFIX.length());
                if (list.isEmpty()) {
                    continue;
                }
                String[] names = list.split(",", -1);
                if (names.length > MAX_FEATURES) {
                    throw new ProtocolException(Reason.OVERSIZED, "pubkey.features", "too many features");
                }
                for (String n : names) {
                    if (!isFeatureName(n)) {
                        throw new ProtocolException(Reason.MALFORMED, "pubkey.features", "invalid feature name");
                    }
                    features.add(n);
                }
            }
        }
        return new PubKey(t[0], features);
    }

    public boolean has(String feature) {
        return features.contains(feature);
    }

    @Override
    public CommandName name() {
        return CommandName.PUBKEY;
    }

    @Override
    public String args() {
        return features.isEmpty() ? makerBoxPubHex : makerBoxPubHex + " " + FEATURES_PREFIX + String.join(",", features);
    }
}
