package jm.net.channel;

import java.util.Map;
import java.util.TreeMap;

/**
 * Every configured directory refused us (see {@link OnionMessageChannel#awaitDirectory()}).
 * The message lists each directory's reason, one sentence each.
 */
public final class DirectoryRefusedException extends Exception {
    private final Map<String, String> reasons;

    /** @param reasons directory to its reason sentence */
    public DirectoryRefusedException(Map<String, String> reasons) {
        super(String.join("; ", new TreeMap<>(reasons).values()));
        this.reasons = Map.copyOf(reasons);
    }

    /** Directory to its reason sentence. */
    public Map<String, String> reasons() {
        return reasons;
    }
}
