package jm.core.limit;

import java.util.LinkedHashMap;
import java.util.Map;

/** Insertion/access-ordered map that evicts its eldest entry above {@code cap}. Not thread-safe. */
public final class BoundedMap<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;
    private final int cap;

    public BoundedMap(int cap, boolean accessOrder) {
        super(16, 0.75f, accessOrder);
        if (cap < 1) {
            throw new IllegalArgumentException("cap " + cap);
        }
        this.cap = cap;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > cap;
    }
}
