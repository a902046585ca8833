package jm.wallet.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import jm.core.Network;
import jm.wallet.keys.InvalidMnemonicException;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.keys.WalletType;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The encrypted wallet file ({@code <name>.jmw}): a JSON object whose header (format, version,
 * network, type, mixdepths, KDF parameters, nonce) is authenticated as associated data, and
 * whose {@code ciphertext} is AES-256-GCM of the secrets under an Argon2id key derived from the
 * password. Written once, atomically, mode 0600.
 */
public final class WalletFile {
    public static final String FORMAT = "joinmarket-java-wallet";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int MAX_FILE_BYTES = 64 * 1024;

    /** A decrypted wallet file. */
    public record Opened(WalletHeader header, WalletSecrets secrets) {
    }

    private WalletFile() {
    }

    /** Encrypts and creates a new wallet file; refuses to overwrite an existing one. */
    public static void create(Path file, WalletHeader header, WalletSecrets secrets, Password password,
                              KdfParams kdf, SecureRandom random, AtomicFiles files) {
        byte[] salt = new byte[SALT_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("network", header.network().wireName());
        root.put("walletType", header.type().label());
        root.put("mixdepths", header.mixdepths());
        root.put("passphraseStored", header.passphraseStored());
        root.put("birthday", header.birthday());
        ObjectNode k = root.putObject("kdf");
        k.put("name", "argon2id");
        k.put("version", 19);
        k.put("memoryKiB", kdf.memoryKiB());
        k.put("iterations", kdf.iterations());
        k.put("parallelism", kdf.parallelism());
        k.put("salt", Base64.getEncoder().encodeToString(salt));
        ObjectNode c = root.putObject("cipher");
        c.put("name", "AES-256-GCM");
        c.put("nonce", Base64.getEncoder().encodeToString(nonce));

        ObjectNode plain = JSON.createObjectNode();
        plain.put("mnemonic", secrets.mnemonic().phrase());
        secrets.storedPassphrase().ifPresent(p -> plain.put("passphrase", p.value()));
        secrets.checkAddress().ifPresent(a -> plain.put("checkAddress", a));
        byte[] pt = plain.toString().getBytes(StandardCharsets.UTF_8);
        byte[] key = deriveKey(password, salt, kdf);
        try {
            byte[] ct = aes(Cipher.ENCRYPT_MODE, key, nonce, associatedData(root), pt);
            root.put("ciphertext", Base64.getEncoder().encodeToString(ct));
            byte[] out = (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            files.create(file, out);
        } catch (FileAlreadyExistsException e) {
            throw new WalletFileException("wallet file already exists: " + file);
        } catch (IOException e) {
            throw new WalletFileException("cannot write wallet file " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(pt, (byte) 0);
        }
    }

    /** Reads the header without the password (network, type, whether a passphrase is stored). */
    public static WalletHeader readHeader(Path file) {
        return parseHeader(readJson(file), file);
    }

    /**
     * Decrypts a wallet file.
     *
     * @throws WrongPasswordException if the password does not authenticate the file
     * @throws WalletFileException    if the file is missing, corrupt or unsupported
     */
    public static Opened open(Path file, Password password) {
        JsonNode root = readJson(file);
        WalletHeader header = parseHeader(root, file);
        JsonNode k = root.get("kdf");
        JsonNode c = root.get("cipher");
        if (k == null || c == null || !"argon2id".equals(text(k, "name", file))
                || !"AES-256-GCM".equals(text(c, "name", file)) || integer(k, "version", file) != 19) {
            throw new WalletFileException("unsupported key derivation or cipher in " + file);
        }
        KdfParams kdf;
        try {
            kdf = new KdfParams(integer(k, "memoryKiB", file), integer(k, "iterations", file),
                    integer(k, "parallelism", file));
        } catch (IllegalArgumentException e) {
            throw new WalletFileException("bad KDF parameters in " + file + ": " + e.getMessage());
        }
        byte[] salt = base64(k, "salt", file);
        byte[] nonce = base64(c, "nonce", file);
        byte[] ct = base64(root, "ciphertext", file);
        if (salt.length < 8 || nonce.length != NONCE_BYTES || ct.length < 17) {
            throw new WalletFileException("bad salt, nonce or ciphertext length in " + file);
        }
        byte[] key = deriveKey(password, salt, kdf);
        byte[] pt = null;
        try {
            pt = aes(Cipher.DECRYPT_MODE, key, nonce, associatedData(root), ct);
            JsonNode plain = JSON.readTree(pt);
            String mnemonic = text(plain, "mnemonic", file);
            JsonNode pp = plain.get("passphrase");
            JsonNode check = plain.get("checkAddress");
            Passphrase stored = pp != null && pp.isTextual() ? Passphrase.of(pp.asText()) : null;
            if (header.passphraseStored() && stored == null) {
                throw new WalletFileException("wallet file says a passphrase is stored but none is: " + file);
            }
            return new Opened(header, new WalletSecrets(Mnemonic.parse(mnemonic), stored,
                    check != null && check.isTextual() ? check.asText() : null));
        } catch (AEADBadTagException e) {
            throw new WrongPasswordException(walletName(file));
        } catch (InvalidMnemonicException e) {
            throw new WalletFileException("wallet file holds an invalid mnemonic: " + file);
        } catch (IOException e) {
            throw new WalletFileException("corrupt encrypted content in " + file);
        } catch (GeneralSecurityException e) {
            throw new WalletFileException("cannot decrypt " + file + ": " + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(key, (byte) 0);
            if (pt != null) {
                Arrays.fill(pt, (byte) 0);
            }
        }
    }

    /** {@code name} of {@code .../name.jmw}. */
    public static String walletName(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".jmw") ? n.substring(0, n.length() - 4) : n;
    }

    static byte[] deriveKey(Password password, byte[] salt, KdfParams kdf) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(kdf.memoryKiB())
                .withIterations(kdf.iterations())
                .withParallelism(kdf.parallelism())
                .build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[32];
        char[] pw = password.chars();
        try {
            gen.generateBytes(pw, out);
        } catch (OutOfMemoryError e) {
            throw new WalletFileException("not enough memory for the wallet's key derivation (" + kdf.memoryKiB()
                    + " KiB); run with a larger -Xmx");
        } finally {
            Arrays.fill(pw, '\0');
        }
        return out;
    }

    private static byte[] aes(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] in) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(in);
    }

    /** Every header field except the ciphertext, in a fixed order. */
    private static byte[] associatedData(JsonNode root) {
        JsonNode k = root.path("kdf");
        JsonNode c = root.path("cipher");
        String s = String.join("|", root.path("format").asText(), root.path("version").asText(),
                root.path("network").asText(), root.path("walletType").asText(), root.path("mixdepths").asText(),
                root.path("passphraseStored").asText(), root.path("birthday").asText(),
                k.path("name").asText(), k.path("version").asText(), k.path("memoryKiB").asText(),
                k.path("iterations").asText(), k.path("parallelism").asText(), k.path("salt").asText(),
                c.path("name").asText(), c.path("nonce").asText());
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode readJson(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new WalletFileException("wallet file is too large to be a wallet: " + file);
            }
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            if (root == null || root.isMissingNode()) {
                throw new WalletFileException("the wallet file is truncated or damaged (empty): " + file);
            }
            if (!root.isObject()) {
                throw new WalletFileException("not a wallet file (not a JSON object): " + file);
            }
            return root;
        } catch (NoSuchFileException e) {
            throw new WalletFileException("no wallet file at " + file);
        } catch (JsonProcessingException e) {
            throw new WalletFileException("the wallet file is truncated or damaged (not valid JSON): " + file, e);
        } catch (IOException e) {
            throw WalletFileException.cannotRead("wallet file", file, e);
        }
    }

    private static WalletHeader parseHeader(JsonNode root, Path file) {
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new WalletFileException("not a joinmarket-java wallet file: " + file);
        }
        int version = integer(root, "version", file);
        if (version != VERSION) {
            throw new WalletFileException("unsupported wallet file version " + version + " in " + file);
        }
        Network network = Network.fromWireName(text(root, "network", file))
                .orElseThrow(() -> new WalletFileException("unknown network in " + file));
        WalletType type = WalletType.parse(text(root, "walletType", file))
                .orElseThrow(() -> new WalletFileException("unknown wallet type in " + file));
        JsonNode ps = root.get("passphraseStored");
        JsonNode bd = root.get("birthday");
        if (ps == null || !ps.isBoolean() || bd == null || !bd.canConvertToLong()) {
            throw new WalletFileException("missing passphraseStored or birthday in " + file);
        }
        try {
            return new WalletHeader(network, type, integer(root, "mixdepths", file), ps.asBoolean(), bd.asLong());
        } catch (IllegalArgumentException e) {
            throw new WalletFileException("bad header in " + file + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode n, String field, Path file) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new WalletFileException("missing or non-text field '" + field + "' in " + file);
        }
        return v.asText();
    }

    private static int integer(JsonNode n, String field, Path file) {
        JsonNode v = n.get(field);
        if (v == null || !v.isInt()) {
            throw new WalletFileException("missing or non-integer field '" + field + "' in " + file);
        }
        return v.asInt();
    }

    private static byte[] base64(JsonNode n, String field, Path file) {
        try {
            return Base64.getDecoder().decode(text(n, field, file));
        } catch (IllegalArgumentException e) {
            throw new WalletFileException("field '" + field + "' is not base64 in " + file);
        }
    }
}
