package jm.cli.common;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The data directory: {@code --data-dir} if given, else the {@code JM_DATA_DIR} environment
 * variable, else {@code ~/.joinmarket-java}. Created on first use with mode 0700.
 */
public final class DataDir {
    public static final String ENV = "JM_DATA_DIR";
    public static final String DEFAULT_NAME = ".joinmarket-java";

    private DataDir() {
    }

    /** Resolves without touching the disk. */
    public static Path resolve(Path flag, Map<String, String> env) {
        if (flag != null) {
            return flag.toAbsolutePath().normalize();
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), DEFAULT_NAME);
    }

    /** Resolves and creates the directory (0700 where the file system supports POSIX modes). */
    public static Path resolveAndCreate(Path flag, Map<String, String> env) {
        Path dir = resolve(flag, env);
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            }
        } catch (IOException e) {
            throw new ConfigException("data directory " + dir + " cannot be created: " + e.getMessage());
        }
        return dir;
    }
}
