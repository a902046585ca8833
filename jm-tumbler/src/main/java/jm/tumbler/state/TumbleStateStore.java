package jm.tumbler.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jm.tumbler.plan.ScheduleEntry;
import jm.tumbler.plan.StepAmount;
import jm.wallet.store.AtomicFiles;

/**
 * The tumble's state file, JSON, replaced atomically (temporary file, fsync, rename, directory
 * fsync) with mode 0600 on every save: a crash leaves either the previous or the new state,
 * never a mix. One file per wallet: {@code <data dir>/tumbler/<wallet>.json}.
 */
public final class TumbleStateStore {
    /** Format version written; a file of another version is refused. */
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Called after every save with what was saved; a test may throw to simulate a crash there. */
    @FunctionalInterface
    public interface SaveHook {
        SaveHook NONE = s -> { };

        void saved(TumbleState state);
    }

    private final Path file;
    private final AtomicFiles files = AtomicFiles.standard();
    private final SaveHook hook;

    public TumbleStateStore(Path file, SaveHook hook) {
        this.file = file;
        this.hook = hook;
    }

    public TumbleStateStore(Path file) {
        this(file, SaveHook.NONE);
    }

    /** {@code <dataDir>/tumbler/<wallet>.json}. */
    public static Path fileFor(Path dataDir, String wallet) {
        return dataDir.resolve("tumbler").resolve(wallet + ".json");
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    public synchronized void save(TumbleState state) {
        try {
            files.write(file, JSON.writeValueAsBytes(toJson(state)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tumble state " + file + ": " + e.getMessage(), e);
        }
        hook.saved(state);
    }

    /** Reads the state; a malformed file is refused with what is wrong in it. */
    public synchronized TumbleState load() throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new StateFileException(file + " is not a tumble state file: " + e.getOriginalMessage());
        }
        try {
            return fromJson(root);
        } catch (RuntimeException e) {
            throw new StateFileException(file + " is not a valid tumble state file: " + e.getMessage());
        }
    }

    /** The file's JSON. */
    public static ObjectNode toJson(TumbleState s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("version", VERSION);
        o.put("wallet", s.wallet());
        o.put("created", s.created().toString());
        ArrayNode d = o.putArray("destinations");
        s.destinations().forEach(d::add);
        s.nextStepNotBefore().ifPresentOrElse(t -> o.put("next_step_not_before", t.toString()),
                () -> o.putNull("next_step_not_before"));
        ArrayNode steps = o.putArray("steps");
        for (StepState st : s.steps()) {
            ObjectNode j = steps.addObject();
            ScheduleEntry e = st.entry();
            j.put("mixdepth", e.mixdepth());
            StepAmount a = e.amount();
            if (a instanceof StepAmount.Fraction f) {
                j.put("amount_fraction", f.value());
            } else if (a instanceof StepAmount.Fixed f) {
                j.put("amount_sats", f.sats());
            } else {
                j.put("sweep", true);
            }
            j.put("makers", e.makerCount());
            j.put("destination", e.destination());
            j.put("wait_minutes", e.waitMinutes());
            j.put("rounding", e.rounding());
            j.put("status", st.status().wireName());
            st.txid().ifPresent(t -> j.put("txid", t));
            st.rawTx().ifPresent(t -> j.put("raw_tx", t));
            j.put("base_balance", st.baseBalance());
            j.put("amount", st.amountSats());
            j.put("cost", st.costSats());
            j.put("attempts", st.attempts());
            st.lastError().ifPresent(t -> j.put("last_error", t));
            st.confirmedAt().ifPresent(t -> j.put("confirmed_at", t.toString()));
        }
        return o;
    }

    static TumbleState fromJson(JsonNode o) {
        int version = need(o, "version").asInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("version " + version + " (this jm reads version " + VERSION + ")");
        }
        List<String> dests = new ArrayList<>();
        need(o, "destinations").forEach(n -> dests.add(n.asText()));
        List<StepState> steps = new ArrayList<>();
        int i = 0;
        for (JsonNode j : need(o, "steps")) {
            try {
                steps.add(step(j));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("step " + (i + 1) + ": " + e.getMessage());
            }
            i++;
        }
        JsonNode nb = o.get("next_step_not_before");
        return new TumbleState(need(o, "wallet").asText(), Instant.parse(need(o, "created").asText()), dests, steps,
                nb == null || nb.isNull() ? Optional.empty() : Optional.of(Instant.parse(nb.asText())));
    }

    private static StepState step(JsonNode j) {
        StepAmount amount;
        if (j.has("amount_fraction")) {
            amount = new StepAmount.Fraction(j.get("amount_fraction").asDouble());
        } else if (j.has("amount_sats")) {
            amount = new StepAmount.Fixed(j.get("amount_sats").asLong());
        } else if (j.path("sweep").asBoolean(false)) {
            amount = StepAmount.SWEEP;
        } else {
            throw new IllegalArgumentException("no amount (amount_fraction, amount_sats or sweep)");
        }
        ScheduleEntry e = new ScheduleEntry(need(j, "mixdepth").asInt(), amount, need(j, "makers").asInt(),
                need(j, "destination").asText(), need(j, "wait_minutes").asDouble(), need(j, "rounding").asInt());
        return new StepState(e, StepStatus.parse(need(j, "status").asText()), text(j, "txid"), text(j, "raw_tx"),
                j.path("base_balance").asLong(-1), j.path("amount").asLong(-1), j.path("cost").asLong(0),
                j.path("attempts").asInt(0), text(j, "last_error"), text(j, "confirmed_at").map(Instant::parse));
    }

    private static Optional<String> text(JsonNode j, String field) {
        JsonNode n = j.get(field);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }

    private static JsonNode need(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        return n;
    }

    /** The state file exists but cannot be used. */
    public static final class StateFileException extends IOException {
        public StateFileException(String message) {
            super(message);
        }
    }
}
