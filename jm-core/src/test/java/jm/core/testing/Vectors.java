package jm.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Named;

/**
 * Loads the reference test vectors from {@code ../shared/vectors} (system property
 * {@code jm.shared.dir}, set by the parent POM to the folder beside the repository root).
 */
public final class Vectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {
    }

    public static Path sharedDir() {
        String p = System.getProperty("jm.shared.dir");
        Path dir = p != null ? Path.of(p) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(dir.resolve("vectors"))) {
            throw new IllegalStateException("shared vectors not found at " + dir.toAbsolutePath()
                    + " (set -Djm.shared.dir)");
        }
        return dir;
    }

    /** Reads e.g. {@code "nick/nick.json"} under {@code shared/vectors}. */
    public static JsonNode load(String relative) {
        try {
            return JSON.readTree(sharedDir().resolve("vectors").resolve(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The elements of a JSON array, in order. */
    public static Stream<JsonNode> items(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    /** The elements of a JSON array, each named for a parameterised test's display. */
    public static Stream<Named<JsonNode>> named(JsonNode array, Function<JsonNode, String> name) {
        return items(array).map(v -> Named.of(name.apply(v), v));
    }

    /** The text of {@code shared/spec/PROTOCOL.md}. */
    public static String protocolSpec() {
        try {
            return Files.readString(sharedDir().resolve("spec").resolve("PROTOCOL.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
