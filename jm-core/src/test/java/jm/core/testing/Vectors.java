package jm.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /** The text of {@code shared/spec/PROTOCOL.md}. */
    public static String protocolSpec() {
        try {
            return Files.readString(sharedDir().resolve("spec").resolve("PROTOCOL.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
