package jm.chain.regtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A watch-only descriptor wallet of the embedded node: its descriptors (persisted as JSON), the
 * scriptPubKeys they expand to, and which blocks the wallet has seen for each descriptor (as
 * Core: the blocks connected since the import, plus those its import and rescans scanned). Coins
 * and history are read from the chain's script index on demand, limited to those blocks.
 */
final class RegtestWallet {
    /** One imported descriptor and how far it has been expanded. */
    static final class Entry {
        final Descriptor descriptor;
        final boolean internal;
        final long timestamp;
        int rangeStart;
        int rangeEnd;
        int nextIndex;
        /** Core's active flag: the wallet's descriptor for new addresses of its output type (and branch). */
        boolean active;
        /** Blocks from this height on were connected while the descriptor was in the wallet. */
        final int liveFrom;
        /** Older blocks an import or rescan scanned for it. */
        final BitSet scanned = new BitSet();

        Entry(Descriptor descriptor, boolean internal, long timestamp, int rangeStart, int rangeEnd, int nextIndex,
              int liveFrom) {
            this.descriptor = descriptor;
            this.internal = internal;
            this.timestamp = timestamp;
            this.rangeStart = rangeStart;
            this.rangeEnd = rangeEnd;
            this.nextIndex = nextIndex;
            this.liveFrom = liveFrom;
        }

        boolean sees(int height) {
            return height < 0 || height >= liveFrom || scanned.get(height);
        }
    }

    /** What the wallet knows about a watched script. */
    /**
     * @param inAddressBook as Core: non-ranged, non-internal imports get an address-book entry;
     *                      other wallet scripts count as change in listtransactions
     */
    record Watched(String address, String descriptorWithChecksum, boolean internal, boolean inAddressBook,
                   Descriptor descriptor, int index) {
        /** Core's {@code desc} of this script (key with origin). */
        String inferredDescriptor() {
            return descriptor.inferred(index);
        }
    }

    private final String name;
    private final Path dir;
    private final boolean disablePrivateKeys;
    private final boolean blank;
    private final long birthTime;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<Bytes, Watched> scripts = new LinkedHashMap<>();
    /** Copy-on-write snapshot of {@link #scripts} handed to readers. */
    private volatile Map<Bytes, Watched> snapshot = Map.of();

    RegtestWallet(String name, Path dir, boolean disablePrivateKeys, boolean blank, long birthTime) {
        this.name = name;
        this.dir = dir;
        this.disablePrivateKeys = disablePrivateKeys;
        this.blank = blank;
        this.birthTime = birthTime;
    }

    String name() {
        return name;
    }

    boolean disablePrivateKeys() {
        return disablePrivateKeys;
    }

    boolean blank() {
        return blank;
    }

    long birthTime() {
        return birthTime;
    }

    /** Every watched script (an immutable snapshot; cheap). */
    Map<Bytes, Watched> scripts() {
        return snapshot;
    }

    Watched watched(Bytes spk) {
        return snapshot.get(spk);
    }

    synchronized List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    /**
     * Adds a descriptor or updates its range as Core's {@code importdescriptors} does: a ranged
     * descriptor gets {@code next_index = rangeStart} and is topped up to
     * {@code rangeEnd >= next_index + keypool - 1}; a stored descriptor only accepts a range that
     * includes the stored one (otherwise -8 {@code new range must include current range = [a,b]},
     * nothing changed). The stored timestamp of a known descriptor is kept. A new descriptor sees
     * the blocks from {@code liveFrom} on (the next block, for an import) until a scan adds older ones.
     */
    synchronized void importDescriptor(Descriptor d, int rangeStart, int rangeEnd, boolean internal, long timestamp,
            int keypool, int liveFrom) throws RpcError {
        importDescriptor(d, rangeStart, rangeEnd, internal, timestamp, keypool, liveFrom, false);
    }

    /**
     * As above; {@code active} makes it the wallet's active descriptor for its output type and
     * branch (the one active before it is deactivated), otherwise it is stored inactive, as Core.
     */
    synchronized void importDescriptor(Descriptor d, int rangeStart, int rangeEnd, boolean internal, long timestamp,
            int keypool, int liveFrom, boolean active) throws RpcError {
        importRange(d, rangeStart, rangeEnd, internal, timestamp, keypool, liveFrom);
        Entry e = entries.get(d.text());
        if (active) {
            for (Entry other : entries.values()) {
                if (other.active && other.internal == e.internal
                        && java.util.Objects.equals(other.descriptor.outputType(), d.outputType())) {
                    other.active = false;
                }
            }
        }
        e.active = active;
    }

    private void importRange(Descriptor d, int rangeStart, int rangeEnd, boolean internal, long timestamp,
            int keypool, int liveFrom) throws RpcError {
        Entry e = entries.get(d.text());
        if (e != null && d.isRange() && (rangeStart > e.rangeStart || rangeEnd < e.rangeEnd)) {
            throw new RpcError(RpcError.INVALID_PARAMETER, "new range must include current range = ["
                    + e.rangeStart + "," + e.rangeEnd + "]");
        }
        int end = d.isRange() ? (int) Math.max(rangeEnd, Math.min(Integer.MAX_VALUE - 1L,
                (long) rangeStart + Math.max(1, keypool) - 1)) : 0;
        int start = d.isRange() ? rangeStart : 0;
        if (e == null) {
            e = new Entry(d, internal, timestamp, start, end, start, liveFrom);
            entries.put(d.text(), e);
            expand(e, start, end);
            return;
        }
        int oldStart = e.rangeStart;
        int oldEnd = e.rangeEnd;
        e.rangeStart = start;
        e.rangeEnd = end;
        e.nextIndex = start;
        if (start < oldStart) {
            expand(e, start, oldStart - 1);
        }
        if (end > oldEnd) {
            expand(e, oldEnd + 1, end);
        }
    }

    /**
     * Core's MarkUnusedAddresses for a script the wallet has seen paid: a ranged descriptor's
     * next_index moves past it and the descriptor is topped up to next_index + keypool - 1.
     * Returns whether anything changed.
     */
    synchronized boolean markUsed(Bytes spk, int keypool) {
        Watched w = scripts.get(spk);
        if (w == null || !w.descriptor().isRange()) {
            return false;
        }
        Entry e = entries.get(w.descriptor().text());
        if (e == null || w.index() < e.nextIndex) {
            return false;
        }
        e.nextIndex = w.index() + 1;
        int end = (int) Math.min(Integer.MAX_VALUE - 1L, (long) e.nextIndex + Math.max(1, keypool) - 1);
        if (end > e.rangeEnd) {
            int oldEnd = e.rangeEnd;
            e.rangeEnd = end;
            expand(e, oldEnd + 1, end);
        }
        return true;
    }

    /** Records that every descriptor's scripts were scanned for in blocks {@code [from, to]} (Core's rescan). */
    synchronized void scanned(int from, int to) {
        if (from <= to) {
            entries.values().forEach(e -> e.scanned.set(from, to + 1));
        }
    }

    /** Whether the wallet has seen the block at {@code height} (-1: the mempool) for the descriptor of {@code w}. */
    synchronized boolean sees(Watched w, int height) {
        Entry e = entries.get(w.descriptor().text());
        return e != null && e.sees(height);
    }

    /** Restores a stored entry (no range rule, no top-up). */
    private Entry restore(Descriptor d, int rangeStart, int rangeEnd, int nextIndex, boolean internal, long timestamp,
                          int liveFrom, boolean active) {
        Entry e = new Entry(d, internal, timestamp, rangeStart, rangeEnd, nextIndex, liveFrom);
        e.active = active;
        entries.put(d.text(), e);
        expand(e, rangeStart, rangeEnd);
        return e;
    }

    private void expand(Entry e, int from, int to) {
        String withSum = e.descriptor.withChecksum();
        int index = from;
        for (byte[] spk : e.descriptor.scripts(from, to)) {
            String addr = Scripts.address(spk).orElse("");
            scripts.putIfAbsent(Bytes.wrap(spk), new Watched(addr, withSum, e.internal,
                    !e.descriptor.isRange() && !e.internal, e.descriptor, index));
            index++;
        }
        snapshot = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scripts));
    }

    // ---- persistence ----

    static Path file(Path dir) {
        return dir.resolve("wallet.json");
    }

    synchronized void save(ObjectMapper mapper) throws IOException {
        ObjectNode root = mapper.createObjectNode();
        root.put("name", name);
        root.put("disable_private_keys", disablePrivateKeys);
        root.put("blank", blank);
        root.put("birthtime", birthTime);
        ArrayNode arr = root.putArray("descriptors");
        for (Entry e : entries.values()) {
            ObjectNode o = arr.addObject();
            o.put("desc", e.descriptor.withChecksum());
            o.put("range_start", e.rangeStart);
            o.put("range_end", e.rangeEnd);
            o.put("next_index", e.nextIndex);
            o.put("internal", e.internal);
            o.put("timestamp", e.timestamp);
            o.put("active", e.active);
            o.put("live_from", e.liveFrom);
            ArrayNode scanned = o.putArray("scanned");
            for (int a = e.scanned.nextSetBit(0); a >= 0; a = e.scanned.nextSetBit(a)) {
                int b = e.scanned.nextClearBit(a);
                scanned.addArray().add(a).add(b - 1);
                a = b;
            }
        }
        Files.createDirectories(dir);
        Path tmp = dir.resolve("wallet.json.tmp");
        Files.write(tmp, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        try {
            Files.move(tmp, file(dir), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file(dir), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static RegtestWallet load(Path dir, ObjectMapper mapper) throws IOException, RpcError {
        JsonNode root = mapper.readTree(file(dir).toFile());
        RegtestWallet w = new RegtestWallet(root.path("name").asText(), dir,
                root.path("disable_private_keys").asBoolean(), root.path("blank").asBoolean(),
                root.path("birthtime").asLong());
        for (JsonNode d : root.path("descriptors")) {
            Entry e = w.restore(Descriptor.parse(d.path("desc").asText(), true), d.path("range_start").asInt(0),
                    d.path("range_end").asInt(), d.path("next_index").asInt(d.path("range_start").asInt(0)),
                    d.path("internal").asBoolean(), d.path("timestamp").asLong(), d.path("live_from").asInt(0),
                    d.path("active").asBoolean(false));
            for (JsonNode r : d.path("scanned")) {
                e.scanned.set(r.path(0).asInt(), r.path(1).asInt() + 1);
            }
        }
        return w;
    }
}
