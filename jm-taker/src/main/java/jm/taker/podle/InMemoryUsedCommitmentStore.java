package jm.taker.podle;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** A non-persistent store, for tests and dry runs. Thread-safe. */
public final class InMemoryUsedCommitmentStore implements UsedCommitmentStore {
    private final Set<String> used = new HashSet<>();

    @Override
    public synchronized boolean isUsed(String commitmentHex) {
        return used.contains(commitmentHex.toLowerCase(Locale.ROOT));
    }

    @Override
    public synchronized void markUsed(String commitmentHex) {
        used.add(commitmentHex.toLowerCase(Locale.ROOT));
    }
}
