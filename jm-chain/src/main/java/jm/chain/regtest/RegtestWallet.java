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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A watch-only descriptor wallet of the embedded node: its descriptors (persisted as JSON) and
 * the scriptPubKeys they expand to. Coins and history are not stored: they are read from the
 * chain's script index on demand, so the wallet always reflects the whole chain.
 */
final class RegtestWallet {
    /** One imported descriptor and how far it has been expanded. */
    static final class Entry {
        final Descriptor descriptor;
        final boolean internal;
        final long timestamp;
        int rangeEnd;

        Entry(Descriptor descriptor, boolean internal, long timestamp, int rangeEnd) {
            this.descriptor = descriptor;
            this.internal = internal;
            this.timestamp = timestamp;
            this.rangeEnd = rangeEnd;
        }
    }

    /** What the wallet knows about a watched script. */
    /**
     * @param inAddressBook as Core: non-ranged, non-internal imports get an address-book entry;
     *                      other wallet scripts count as change in listtransactions
     */
    record Watched(String address, String descriptorWithChecksum, boolean internal, boolean inAddressBook) {
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

    /** Adds a descriptor or grows its range; expands the new scripts. */
    synchronized void importDescriptor(Descriptor d, int rangeEnd, boolean internal, long timestamp) {
        Entry e = entries.get(d.text());
        int from = 0;
        if (e == null) {
            e = new Entry(d, internal, timestamp, rangeEnd);
            entries.put(d.text(), e);
        } else {
            if (rangeEnd <= e.rangeEnd) {
                return;
            }
            from = e.rangeEnd + 1;
            e.rangeEnd = rangeEnd;
        }
        expand(e, from);
    }

    private void expand(Entry e, int from) {
        String withSum = e.descriptor.withChecksum();
        for (byte[] spk : e.descriptor.scripts(from, e.rangeEnd)) {
            String addr = Scripts.address(spk).orElse("");
            scripts.putIfAbsent(Bytes.wrap(spk), new Watched(addr, withSum, e.internal,
                    !e.descriptor.isRange() && !e.internal));
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
            o.put("range_end", e.rangeEnd);
            o.put("internal", e.internal);
            o.put("timestamp", e.timestamp);
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
            w.importDescriptor(Descriptor.parse(d.path("desc").asText(), true), d.path("range_end").asInt(),
                    d.path("internal").asBoolean(), d.path("timestamp").asLong());
        }
        return w;
    }
}
