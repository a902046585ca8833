package jm.cli.common;

/** A configuration value is missing, malformed or out of range. Aborts start-up with its message. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    private String section;
    private String key;

    /** An error about the value of one key ({@link JmConfig#invalid}). */
    static ConfigException forKey(String section, String key, String message) {
        ConfigException e = new ConfigException(message);
        e.section = section;
        e.key = key;
        return e;
    }

    /** The {@code [section] key} whose value is wrong, if the error is about one key. */
    public java.util.Optional<String[]> key() {
        return section == null ? java.util.Optional.empty() : java.util.Optional.of(new String[] {section, key});
    }
}
