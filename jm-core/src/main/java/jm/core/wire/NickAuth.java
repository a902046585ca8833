package jm.core.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.crypto.Hashes;
import jm.core.crypto.MessageSigning;
import jm.core.crypto.NickKey;
import jm.core.crypto.NickKeys;
import jm.core.crypto.StrictHex;

/**
 * Nick-ownership authentication (JMP-0005, PROTOCOL.md 1.9): the payloads of
 * NICK_AUTH_CHALLENGE (803), NICK_AUTH_PROOF (805) and NICK_AUTH_RESULT (807), and the signed
 * transcript. Every payload is a compact JSON object without duplicate or unknown keys.
 *
 * <p>Two NG payload layouts exist: the one of NG 0.37 ({@code {"challenge","directory-id"}} and
 * {@code {"pubkey","signature"}}) and a later one that adds {@code "kind"} to both and echoes the
 * challenge and the handshake hash in the proof. Both are read; a proof is written in the layout
 * of the challenge it answers; our directory writes the 0.37 layout.
 */
public final class NickAuth {
    /** Longest accepted directory id. */
    public static final int MAX_DIRECTORY_ID_CHARS = 255;
    /** Longest accepted payload line. */
    public static final int MAX_LINE_CHARS = 1_024;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PUBKEY = Pattern.compile("0[23][0-9a-f]{64}");
    private static final Pattern DIRECTORY_ID = Pattern.compile("[a-z0-9][a-z0-9.:_-]*");
    private static final Pattern ONION_V3 = Pattern.compile("[a-z2-7]{56}\\.onion");
    private static final byte[] DOMAIN = "nick-auth-v1".getBytes(StandardCharsets.US_ASCII);

    private NickAuth() {
    }

    /**
     * The directory id a client expects from the directory it dialled: the lowercase host
     * (without a trailing dot) and the port, {@code <onion>:<port>} for onion endpoints.
     */
    public static String directoryIdFor(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h + ":" + port;
    }

    /** Whether {@code host} is a Tor v3 onion host (case-insensitively). */
    public static boolean isOnionHost(String host) {
        return ONION_V3.matcher(host.toLowerCase(Locale.ROOT)).matches();
    }

    /** Whether {@code id} is a well-formed directory id. */
    public static boolean isValidDirectoryId(String id) {
        return id != null && id.length() <= MAX_DIRECTORY_ID_CHARS && DIRECTORY_ID.matcher(id).matches();
    }

    /** Lowercase hex SHA-256 of the exact UTF-8 text of a HANDSHAKE envelope's {@code line}. */
    public static String handshakeHash(String handshakeLine) {
        return StrictHex.encode(Hashes.sha256(handshakeLine.getBytes(StandardCharsets.UTF_8)));
    }

    /** The signed bytes: {@code nick-auth|challenge|id|H|nick|pubkey} followed by {@code nick-auth-v1}. */
    public static byte[] transcript(String challenge, String directoryId, String handshakeHash, Nick nick,
                                    String pubKeyHex) {
        byte[] text = ("nick-auth|" + challenge + "|" + directoryId + "|" + handshakeHash + "|" + nick.value() + "|"
                + pubKeyHex).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[text.length + DOMAIN.length];
        System.arraycopy(text, 0, out, 0, text.length);
        System.arraycopy(DOMAIN, 0, out, text.length, DOMAIN.length);
        return out;
    }

    /**
     * NICK_AUTH_CHALLENGE payload.
     *
     * @param challenge   64 lowercase hex chars (32 random bytes)
     * @param directoryId the directory's id
     * @param withKind    whether the payload carries {@code "kind":"challenge"} (later NG layout)
     */
    public record Challenge(String challenge, String directoryId, boolean withKind) {
        public Challenge {
            if (challenge == null || !HEX64.matcher(challenge).matches()) {
                throw new IllegalArgumentException("challenge must be 64 lowercase hex chars");
            }
            if (!isValidDirectoryId(directoryId)) {
                throw new IllegalArgumentException("invalid directory id");
            }
        }

        /** A fresh challenge from 32 random bytes. */
        public static Challenge fresh(byte[] random32, String directoryId) {
            if (random32.length != 32) {
                throw new IllegalArgumentException("32 random bytes expected");
            }
            return new Challenge(StrictHex.encode(random32), directoryId, false);
        }

        public static Challenge parse(String line) throws ProtocolException {
            ObjectNode o = object(line, "nick_auth.challenge");
            boolean kind = optionalKind(o, "challenge", "nick_auth.challenge");
            onlyKeys(o, kind ? Set.of("kind", "challenge", "directory-id") : Set.of("challenge", "directory-id"),
                    "nick_auth.challenge");
            String c = hex64(o, "challenge", "nick_auth.challenge");
            String id = WireJson.requireString(o, "directory-id", "nick_auth.challenge", MAX_DIRECTORY_ID_CHARS);
            if (!isValidDirectoryId(id)) {
                throw new ProtocolException(Reason.MALFORMED, "nick_auth.challenge.directory-id", "invalid directory id");
            }
            return new Challenge(c, id, kind);
        }

        public String toJson() {
            return "{" + (withKind ? "\"kind\":\"challenge\"," : "") + "\"challenge\":" + WireJson.quote(challenge)
                    + ",\"directory-id\":" + WireJson.quote(directoryId) + "}";
        }
    }

    /**
     * NICK_AUTH_PROOF payload.
     *
     * @param pubKeyHex     the nick key, 66 lowercase hex chars
     * @param signatureBase64 strict DER low-S signature (canonical base64) over the transcript
     * @param echo          the challenge and handshake hash echoed in the later NG layout, else empty
     */
    public record Proof(String pubKeyHex, String signatureBase64, Optional<Echo> echo) {
        /** The fields the later NG layout repeats in the proof. */
        public record Echo(String challenge, String handshakeHash) {
        }

        /** Signs {@code challenge} for the handshake whose envelope {@code line} we sent. */
        public static Proof create(NickKey key, Challenge challenge, String handshakeLine) {
            String h = handshakeHash(handshakeLine);
            String sig = MessageSigning.signBase64(key.ecKey(),
                    transcript(challenge.challenge(), challenge.directoryId(), h, key.nick(), key.pubKeyHex()));
            return new Proof(key.pubKeyHex(), sig,
                    challenge.withKind() ? Optional.of(new Echo(challenge.challenge(), h)) : Optional.empty());
        }

        public static Proof parse(String line) throws ProtocolException {
            ObjectNode o = object(line, "nick_auth.proof");
            boolean kind = optionalKind(o, "proof", "nick_auth.proof");
            onlyKeys(o, kind ? Set.of("kind", "challenge", "handshake-sha256", "pubkey", "signature")
                    : Set.of("pubkey", "signature"), "nick_auth.proof");
            String pub = WireJson.requireString(o, "pubkey", "nick_auth.proof", 66);
            if (!PUBKEY.matcher(pub).matches()) {
                throw new ProtocolException(Reason.MALFORMED, "nick_auth.proof.pubkey",
                        "not a lowercase compressed public key");
            }
            String sig = WireJson.requireString(o, "signature", "nick_auth.proof", 100);
            Optional<Echo> echo = kind ? Optional.of(new Echo(hex64(o, "challenge", "nick_auth.proof"),
                    hex64(o, "handshake-sha256", "nick_auth.proof"))) : Optional.empty();
            return new Proof(pub, sig, echo);
        }

        /**
         * Whether this proves that {@code nick} owns its key for this {@code challenge} and the
         * handshake whose envelope line was {@code handshakeLine}.
         */
        public boolean verifies(Challenge challenge, String handshakeLine, Nick nick) {
            String h = handshakeHash(handshakeLine);
            if (echo.isPresent() && (!echo.get().challenge().equals(challenge.challenge())
                    || !echo.get().handshakeHash().equals(h))) {
                return false;
            }
            if (!NickKeys.matches(nick, pubKeyHex)) {
                return false;
            }
            return MessageSigning.verifyBase64(pubKeyHex,
                    transcript(challenge.challenge(), challenge.directoryId(), h, nick, pubKeyHex), signatureBase64);
        }

        public String toJson() {
            StringBuilder sb = new StringBuilder("{");
            echo.ifPresent(e -> sb.append("\"kind\":\"proof\",\"challenge\":").append(WireJson.quote(e.challenge()))
                    .append(",\"handshake-sha256\":").append(WireJson.quote(e.handshakeHash())).append(','));
            return sb.append("\"pubkey\":").append(WireJson.quote(pubKeyHex)).append(",\"signature\":")
                    .append(WireJson.quote(signatureBase64)).append('}').toString();
        }
    }

    /** NICK_AUTH_RESULT codes. */
    public enum Code {
        OK, MALFORMED, EXPIRED, INVALID, POLICY;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** NICK_AUTH_RESULT payload: {@code verified} is true exactly for {@code ok}. */
    public record Result(Code code) {
        public boolean verified() {
            return code == Code.OK;
        }

        public static Result parse(String line) throws ProtocolException {
            ObjectNode o = object(line, "nick_auth.result");
            onlyKeys(o, Set.of("code", "verified"), "nick_auth.result");
            String c = WireJson.requireString(o, "code", "nick_auth.result", 16);
            Code code = null;
            for (Code k : Code.values()) {
                if (k.wire().equals(c)) {
                    code = k;
                }
            }
            if (code == null) {
                throw new ProtocolException(Reason.UNKNOWN, "nick_auth.result.code", "unknown code");
            }
            boolean verified = WireJson.requireBoolean(o, "verified", "nick_auth.result");
            if (verified != (code == Code.OK)) {
                throw new ProtocolException(Reason.INVALID, "nick_auth.result", "only code ok may be verified");
            }
            return new Result(code);
        }

        public String toJson() {
            return "{\"code\":\"" + code.wire() + "\",\"verified\":" + verified() + "}";
        }
    }

    private static ObjectNode object(String line, String field) throws ProtocolException {
        if (line != null && line.length() > MAX_LINE_CHARS) {
            throw new ProtocolException(Reason.OVERSIZED, field, "longer than " + MAX_LINE_CHARS + " chars");
        }
        return WireJson.readObject(line, field);
    }

    private static boolean optionalKind(ObjectNode o, String expected, String field) throws ProtocolException {
        if (!o.has("kind")) {
            return false;
        }
        if (!expected.equals(WireJson.requireString(o, "kind", field, 16))) {
            throw new ProtocolException(Reason.INVALID, field + ".kind", "expected " + expected);
        }
        return true;
    }

    private static void onlyKeys(ObjectNode o, Set<String> allowed, String field) throws ProtocolException {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new ProtocolException(Reason.MALFORMED, field, "unexpected key " + WireJson.quote(
                        k.length() > 40 ? k.substring(0, 40) : k));
            }
        }
    }

    private static String hex64(ObjectNode o, String key, String field) throws ProtocolException {
        String v = WireJson.requireString(o, key, field, 64);
        if (!HEX64.matcher(v).matches()) {
            throw new ProtocolException(Reason.MALFORMED, field + "." + key, "expected 64 lowercase hex chars");
        }
        return v;
    }
}
