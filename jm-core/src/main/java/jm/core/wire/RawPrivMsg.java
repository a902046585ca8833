package jm.core.wire;

import java.util.Objects;
import java.util.Set;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.crypto.MessageSigning;
import jm.core.crypto.NickKey;
import jm.core.crypto.NickKeys;

/**
 * A PRIVMSG (685) line as received, not yet verified (PROTOCOL.md 1.6, 3.4):
 * {@code <from>!<to>!<cmd> <data> <pubkey hex> <sig base64>}. Only {@link #verify()} turns it
 * into a {@link VerifiedPrivMsg} whose content may be acted on.
 *
 * @param from      claimed sender nick
 * @param to        recipient nick
 * @param command   the first command name, one of {@link #FIRST_COMMANDS}
 * @param data      everything between the command and the pubkey (may hold {@code !cmd2 ...} parts)
 * @param pubKeyHex the sender's nick public key, 66 lowercase hex chars
 * @param sigBase64 the signature over {@code data + "onion-network"}
 */
public record RawPrivMsg(Nick from, Nick to, String command, String data, String pubKeyHex, String sigBase64) {
    /** Command names accepted as the first command of a private message (5.1). */
    public static final Set<String> FIRST_COMMANDS = Set.of("auth", "ioauth", "tx", "sig", "fill", "error",
            "pubkey", "orderbook", "push", "hp2", "sw0reloffer", "sw0absoffer", "swreloffer", "swabsoffer",
            "reloffer", "absoffer");
    /** Commands whose data is NaCl-box ciphertext and that are always alone in their message. */
    public static final Set<String> ENCRYPTED_COMMANDS = Set.of("auth", "ioauth", "tx", "sig");
    private static final int MAX_SIG_BASE64 = 100;

    public RawPrivMsg {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!FIRST_COMMANDS.contains(command)) {
            throw new IllegalArgumentException("not a private command: " + command);
        }
        if (data == null || data.isEmpty()) {
            throw new IllegalArgumentException("empty data");
        }
        Objects.requireNonNull(pubKeyHex, "pubKeyHex");
        Objects.requireNonNull(sigBase64, "sigBase64");
    }

    /** Parses a PRIVMSG line (syntax only; see {@link #verify()}). */
    public static RawPrivMsg parse(String line) throws ProtocolException {
        if (line == null || line.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, "privmsg", "empty line");
        }
        int a = line.indexOf('!');
        int b = a < 0 ? -1 : line.indexOf('!', a + 1);
        if (b < 0) {
            throw new ProtocolException(Reason.MALFORMED, "privmsg", "expected from!to!cmd ...");
        }
        Nick from = Nick.parse(line.substring(0, a));
        String toText = line.substring(a + 1, b);
        if (toText.equals(PubMsg.PUBLIC)) {
            throw new ProtocolException(Reason.INVALID, "privmsg.to", "PUBLIC is not a private recipient");
        }
        Nick to = Nick.parse(toText);
        String rest = line.substring(b + 1);
        if (rest.startsWith("!")) {
            rest = rest.substring(1); // tolerated, as NG does
        }
        int firstSpace = rest.indexOf(' ');
        int lastSpace = rest.lastIndexOf(' ');
        int secondLast = lastSpace <= 0 ? -1 : rest.lastIndexOf(' ', lastSpace - 1);
        if (firstSpace < 0 || secondLast <= firstSpace) {
            throw new ProtocolException(Reason.MALFORMED, "privmsg", "expected cmd data pubkey sig");
        }
        String command = rest.substring(0, firstSpace);
        String data = rest.substring(firstSpace + 1, secondLast);
        String pub = rest.substring(secondLast + 1, lastSpace);
        String sig = rest.substring(lastSpace + 1);
        if (!FIRST_COMMANDS.contains(command)) {
            throw new ProtocolException(
                    FIRST_COMMANDS.contains(command.toLowerCase(java.util.Locale.ROOT)) ? Reason.BAD_ENCODING : Reason.UNKNOWN,
                    "privmsg.command", "not a private command: " + abbreviate(command));
        }
        if (data.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, "privmsg.data", "empty");
        }
        checkPubKeySyntax(pub);
        checkSigSyntax(sig);
        return new RawPrivMsg(from, to, command, data, pub, sig);
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }

    private static void checkPubKeySyntax(String pub) throws ProtocolException {
        if (pub.length() != 66) {
            throw new ProtocolException(Reason.MALFORMED, "privmsg.pubkey", "expected 66 hex chars");
        }
        for (int i = 0; i < 66; i++) {
            char c = pub.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new ProtocolException(Reason.BAD_ENCODING, "privmsg.pubkey",
                        (c >= 'A' && c <= 'F') ? "uppercase hex" : "not hex");
            }
        }
        if (!pub.startsWith("02") && !pub.startsWith("03")) {
            throw new ProtocolException(Reason.MALFORMED, "privmsg.pubkey", "not a compressed public key");
        }
    }

    private static void checkSigSyntax(String sig) throws ProtocolException {
        if (sig.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, "privmsg.sig", "empty");
        }
        if (sig.length() > MAX_SIG_BASE64) {
            throw new ProtocolException(Reason.OVERSIZED, "privmsg.sig", "signature too long");
        }
        for (int i = 0; i < sig.length(); i++) {
            char c = sig.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '=';
            if (!ok) {
                throw new ProtocolException(Reason.BAD_ENCODING, "privmsg.sig", "not base64");
            }
        }
    }

    /** Whether the first command is one of the encrypted four. */
    public boolean isEncrypted() {
        return ENCRYPTED_COMMANDS.contains(command);
    }

    /**
     * Verifies the signature over {@code data + "onion-network"} (strict DER, low S) and that
     * {@code from} is the nick of the public key.
     */
    public VerifiedPrivMsg verify() throws ProtocolException {
        MessageSigning.checkPrivmsg(pubKeyHex, data, sigBase64, "privmsg");
        if (!NickKeys.matches(from, pubKeyHex)) {
            throw new ProtocolException(Reason.BAD_SIGNATURE, "privmsg.from", "nick does not belong to the signing key");
        }
        return new VerifiedPrivMsg(from, to, command, data, pubKeyHex);
    }

    /**
     * Like {@link #verify()} for a signature made with another hostid (only the retired IRC
     * channels used one); the reference also accepts {@code hostId.toLowerCase()}.
     */
    public VerifiedPrivMsg verify(String hostId) throws ProtocolException {
        if (!MessageSigning.verifyPrivmsg(pubKeyHex, data, sigBase64, hostId)) {
            throw new ProtocolException(Reason.BAD_SIGNATURE, "privmsg.sig", "signature does not verify");
        }
        if (!NickKeys.matches(from, pubKeyHex)) {
            throw new ProtocolException(Reason.BAD_SIGNATURE, "privmsg.from", "nick does not belong to the signing key");
        }
        return new VerifiedPrivMsg(from, to, command, data, pubKeyHex);
    }

    /** The line {@code from!to!command data pub sig}. */
    public String toLine() {
        return from.value() + "!" + to.value() + "!" + command + " " + data + " " + pubKeyHex + " " + sigBase64;
    }

    public Envelope toEnvelope() {
        return Envelope.of(MessageType.PRIVMSG, toLine());
    }

    /**
     * Signs and builds a complete PRIVMSG line. Prefer the typed senders in
     * {@code jm.core.command}, which also enforce which commands must be encrypted.
     *
     * @throws IllegalArgumentException if the command is not a private command, data is empty,
     *                                  or an encrypted command's data is not a single base64 token
     */
    public static String sign(NickKey from, Nick to, String command, String data) {
        return signed(from, to, command, data).toLine();
    }

    /** Like {@link #sign} but returns the typed message. */
    public static RawPrivMsg signed(NickKey from, Nick to, String command, String data) {
        if (!FIRST_COMMANDS.contains(command)) {
            throw new IllegalArgumentException("not a private command: " + command);
        }
        if (data == null || data.isEmpty()) {
            throw new IllegalArgumentException("private message data must not be empty");
        }
        if (ENCRYPTED_COMMANDS.contains(command) && !looksLikeBase64(data)) {
            throw new IllegalArgumentException("!" + command + " must carry box ciphertext (base64), not plaintext");
        }
        return new RawPrivMsg(from.nick(), to, command, data, from.pubKeyHex(), from.signPrivmsg(data));
    }

    private static boolean looksLikeBase64(String s) {
        if (s.length() % 4 != 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '=';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
