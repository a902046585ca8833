package jm.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code config.toml} plus environment overrides. Callers pass the flag value (or null) and a
 * default; the first present of flag, environment ({@code SECTION__KEY}), file, default wins.
 * Keys registered in {@link ConfigKeys} are also looked up under their aliases (older names):
 * the environment beats the file whichever name it uses, and within one source the NG name beats
 * an alias. Every typed getter validates and names the key and where the bad value came from.
 */
public final class JmConfig {
    public static final String FILE_NAME = "config.toml";

    private final ObjectNode root;
    private final Map<String, String> env;
    private final String fileLabel;
    private final Set<String> read = ConcurrentHashMap.newKeySet();
    private final Set<String> unregisteredReads = ConcurrentHashMap.newKeySet();
    private volatile String permissionWarning;

    private JmConfig(ObjectNode root, Map<String, String> env, String fileLabel) {
        this.root = root;
        this.env = Map.copyOf(env);
        this.fileLabel = fileLabel;
    }

    /** An empty configuration (defaults and environment only). */
    public static JmConfig empty(Map<String, String> env) {
        return new JmConfig(new TomlMapper().createObjectNode(), env, "(no config file)");
    }

    /**
     * Loads {@code explicitFile} if given (it must exist), else {@code <dataDir>/config.toml}
     * if it exists.
     */
    public static JmConfig load(Path dataDir, Path explicitFile, Map<String, String> env) {
        Path file = explicitFile != null ? explicitFile : dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            if (explicitFile != null) {
                throw new ConfigException("config file " + file + " does not exist");
            }
            return empty(env);
        }
        try {
            JsonNode tree = new TomlMapper().readTree(file.toFile());
            if (!(tree instanceof ObjectNode obj)) {
                throw new ConfigException("config file " + file + " is not a TOML table");
            }
            JmConfig c = new JmConfig(obj, env, file.toString());
            c.permissionWarning = secretReadableByOthers(obj, file);
            return c;
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " is not valid TOML: " + e.getMessage(), e);
        }
    }

    /** Parses TOML text (tests). */
    public static JmConfig parse(String toml, Map<String, String> env) {
        try {
            JsonNode tree = new TomlMapper().readTree(toml);
            return new JmConfig(tree instanceof ObjectNode o ? o : new TomlMapper().createObjectNode(), env,
                    "(inline)");
        } catch (IOException e) {
            throw new ConfigException("not valid TOML: " + e.getMessage(), e);
        }
    }

    /** The environment variable for a key: {@code SECTION__KEY} upper case. */
    public static String envName(String section, String key) {
        return (section + "__" + key).toUpperCase(Locale.ROOT);
    }

    private record Raw(String text, JsonNode node, String source) {
    }

    /** Primary name first, then the registered aliases. */
    private static List<String[]> candidates(String section, String key) {
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {section, key});
        ConfigKeys.find(section, key).ifPresent(k -> {
            for (String a : k.aliases()) {
                int dot = a.indexOf('.');
                out.add(new String[] {a.substring(0, dot), a.substring(dot + 1)});
            }
        });
        return out;
    }

    /**
     * The value of a key: the environment beats the file; within each, the NG name beats its
     * aliases (older names such as {@code [maker] cjfee_r}).
     */
    private Optional<Raw> raw(String section, String key) {
        String id = section + "." + key;
        (ConfigKeys.find(section, key).isPresent() ? read : unregisteredReads).add(id);
        List<String[]> names = candidates(section, key);
        for (String[] n : names) {
            String e = env.get(envName(n[0], n[1]));
            if (e != null) {
                return Optional.of(new Raw(e, null, "environment variable " + envName(n[0], n[1])));
            }
        }
        for (String[] n : names) {
            JsonNode sec = root.get(n[0]);
            if (sec != null && sec.isObject() && sec.has(n[1])) {
                JsonNode v = sec.get(n[1]);
                return Optional.of(new Raw(v.isTextual() ? v.textValue() : v.toString(), v,
                        fileLabel + " [" + n[0] + "] " + n[1]));
            }
        }
        return Optional.empty();
    }

    /** Where the key's value comes from (environment variable or file entry), empty if unset. */
    public Optional<String> source(String section, String key) {
        return raw(section, key).map(Raw::source);
    }

    /** The registered keys read so far (for the registry test and {@code jm config show}). */
    public Set<String> readKeys() {
        return Set.copyOf(read);
    }

    /** Keys read that are not registered in {@link ConfigKeys} (a test keeps this empty). */
    public Set<String> unregisteredReads() {
        return Set.copyOf(unregisteredReads);
    }

    /** The file this configuration came from, for messages. */
    public String fileLabel() {
        return fileLabel;
    }

    /** Whether a top-level entry of the file is a table ({@code [section]}). */
    public boolean isTable(String section) {
        JsonNode n = root.get(section);
        return n != null && n.isObject();
    }

    /** One line per unknown key of the file (see {@link ConfigKeys#unknownKeyWarnings}). */
    public List<String> warnings() {
        List<String> w = new java.util.ArrayList<>(ConfigKeys.unknownKeyWarnings(this));
        if (permissionWarning != null) {
            w.add(permissionWarning);
        }
        return w;
    }

    /** A warning if the file holds a password and users other than its owner may read it; else null. */
    static String secretReadableByOthers(ObjectNode root, Path file) {
        List<String> secrets = new java.util.ArrayList<>();
        root.fields().forEachRemaining(section -> {
            if (section.getValue().isObject()) {
                section.getValue().fieldNames().forEachRemaining(k -> {
                    if (k.contains("password")) {
                        secrets.add("[" + section.getKey() + "] " + k);
                    }
                });
            }
        });
        if (secrets.isEmpty()) {
            return null;
        }
        try {
            Set<java.nio.file.attribute.PosixFilePermission> p = Files.getPosixFilePermissions(file);
            p.retainAll(Set.of(java.nio.file.attribute.PosixFilePermission.GROUP_READ,
                    java.nio.file.attribute.PosixFilePermission.OTHERS_READ));
            if (p.isEmpty()) {
                return null;
            }
        } catch (IOException | UnsupportedOperationException e) {
            return null; // no POSIX modes here: nothing to check
        }
        return "warning: " + file + " holds " + String.join(", ", secrets) + " and other users can read it;"
                + " run: chmod 600 " + file;
    }

    private static String name(String section, String key) {
        return "[" + section + "] " + key;
    }

    /** Whether the key is set in the environment or the file. */
    public boolean isSet(String section, String key) {
        return raw(section, key).isPresent();
    }

    public Optional<String> string(String section, String key) {
        return raw(section, key).map(Raw::text);
    }

    public String string(String section, String key, String flag, String def) {
        if (flag != null) {
            return flag;
        }
        return string(section, key).orElse(def);
    }

    public long longValue(String section, String key, Long flag, long def, long min, long max) {
        long v;
        if (flag != null) {
            v = flag;
            if (v < min || v > max) {
                throw invalid(section, key, String.valueOf(v), "flag", outside(min, max));
            }
            return v;
        }
        Optional<Raw> r = raw(section, key);
        if (r.isEmpty()) {
            return def;
        }
        String text = r.get().text().trim().replace("_", "");
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            String problem = !text.matches("[+-]?[0-9]+") ? "is not a whole number"
                    : text.startsWith("-") ? "is too small: " + outside(min, max) : "is too large: " + outside(min, max);
            throw invalid(section, key, r.get().text(), r.get().source(), problem);
        }
        if (v < min || v > max) {
            throw invalid(section, key, r.get().text(), r.get().source(), outside(min, max));
        }
        return v;
    }

    private static String outside(Object min, Object max) {
        return "is outside [" + min + ", " + max + "]";
    }

    /**
     * The error for a bad value of a key, in the one wording every key uses:
     * {@code [section] key: 'value' from SOURCE PROBLEM}, e.g.
     * {@code [taker] max_cj_fee_abs: '-5' from config.toml [taker] max_cj_fee_abs is outside [0, 21000000]}.
     */
    public static ConfigException invalid(String section, String key, String value, String source, String problem) {
        return ConfigException.forKey(section, key, name(section, key) + ": '" + value + "' from " + source + " "
                + problem);
    }

    /** Like above for the key's own value ({@code flag} if given, else the environment or file). */
    public ConfigException invalid(String section, String key, String flag, String problem) {
        if (flag != null) {
            return invalid(section, key, flag, "flag", problem);
        }
        Raw r = raw(section, key).orElse(new Raw("", null, "default"));
        return invalid(section, key, r.text(), r.source(), problem);
    }

    /**
     * A host name or address to bind or connect to, {@code def} when unset; one this machine cannot
     * resolve is rejected here, naming the key, rather than failing later inside the network code.
     */
    public String host(String section, String key, String flag, String def) {
        String h = string(section, key, flag, def).trim();
        if (h.isEmpty() || new java.net.InetSocketAddress(h, 0).isUnresolved()) {
            throw invalid(section, key, flag, "is not a host name this machine can resolve");
        }
        return h;
    }

    /** One of a fixed set of names (case as written), {@code def} when unset. */
    public String choice(String section, String key, String flag, String def, List<String> allowed) {
        String v = string(section, key, flag, def);
        if (!allowed.contains(v)) {
            throw invalid(section, key, flag, "is not one of " + String.join(", ", allowed));
        }
        return v;
    }

    public int intValue(String section, String key, Integer flag, int def, int min, int max) {
        return (int) longValue(section, key, flag == null ? null : flag.longValue(), def, min, max);
    }

    public boolean bool(String section, String key, Boolean flag, boolean def) {
        if (flag != null) {
            return flag;
        }
        Optional<Raw> r = raw(section, key);
        if (r.isEmpty()) {
            return def;
        }
        String t = r.get().text().trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "true": case "1": case "yes": case "on": return true;
            case "false": case "0": case "no": case "off": return false;
            default:
                throw invalid(section, key, r.get().text(), r.get().source(), "is not true or false");
        }
    }

    /** A decimal (fee rates, factors), never through double. */
    public BigDecimal decimal(String section, String key, String flag, String def, BigDecimal min, BigDecimal max) {
        String text = flag != null ? flag : raw(section, key).map(Raw::text).orElse(def);
        String source = flag != null ? "flag" : raw(section, key).map(Raw::source).orElse("default");
        BigDecimal v;
        try {
            v = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(section, key, text, source, "is not a decimal number");
        }
        if ((min != null && v.compareTo(min) < 0) || (max != null && v.compareTo(max) > 0)) {
            throw invalid(section, key, text, source, outside(min == null ? "-inf" : min.toPlainString(),
                    max == null ? "inf" : max.toPlainString()));
        }
        return v;
    }

    /**
     * A list: a TOML array, or in the environment a JSON-style array or a comma-separated
     * string (as NG accepts for directory_servers).
     */
    public List<String> list(String section, String key, List<String> flag, List<String> def) {
        if (flag != null && !flag.isEmpty()) {
            return List.copyOf(flag);
        }
        Optional<Raw> r = raw(section, key);
        if (r.isEmpty()) {
            return def;
        }
        List<String> out = new ArrayList<>();
        JsonNode n = r.get().node();
        if (n != null && n.isArray()) {
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                JsonNode e = it.next();
                if (!e.isTextual()) {
                    throw invalid(section, key, r.get().text(), r.get().source(), "has an entry that is not a string");
                }
                if (!e.textValue().isBlank()) {
                    out.add(e.textValue().trim());
                }
            }
            return out;
        }
        String t = r.get().text().trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        for (String part : t.split(",")) {
            String p = part.trim();
            if (p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2) {
                p = p.substring(1, p.length() - 1).trim();
            }
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    /** A copy without this key: its file entries under every name and its environment variables. */
    public JmConfig without(String section, String key) {
        ObjectNode copy = root.deepCopy();
        Map<String, String> e = new java.util.HashMap<>(env);
        for (String[] n : candidates(section, key)) {
            if (copy.get(n[0]) instanceof ObjectNode sec) {
                sec.remove(n[1]);
            }
            e.remove(envName(n[0], n[1]));
        }
        return new JmConfig(copy, e, fileLabel);
    }

    /** Section names present in the file (for warnings about typos). */
    public List<String> fileSections() {
        List<String> out = new ArrayList<>();
        root.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Keys of a section present in the file. */
    public List<String> fileKeys(String section) {
        List<String> out = new ArrayList<>();
        JsonNode sec = root.get(section);
        if (sec != null) {
            sec.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }
}
