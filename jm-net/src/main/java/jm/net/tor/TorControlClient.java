package jm.net.tor;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small client for Tor's control protocol over a blocking socket: PROTOCOLINFO, AUTHENTICATE
 * (SAFECOOKIE with AUTHCHALLENGE and HMAC-SHA256, COOKIE, HASHEDPASSWORD, NULL), GETINFO,
 * ADD_ONION and DEL_ONION. Ephemeral onion services live as long as this control connection (no
 * Detach flag), so closing the client also removes them; {@link #close()} sends DEL_ONION first.
 *
 * <p>Blocking: call from a worker thread, never from an event loop. Not thread-safe (one command
 * at a time); callers serialise. Never logs cookies, passwords or keys.
 */
public final class TorControlClient implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(TorControlClient.class);
    private static final byte[] SERVER_KEY =
            "Tor safe cookie authentication server-to-controller hash".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLIENT_KEY =
            "Tor safe cookie authentication controller-to-server hash".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_REPLY_LINES = 10_000;
    private static final HexFormat HEX = HexFormat.of();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final SecureRandom random;
    private final List<String> ownServices = new ArrayList<>();
    private ProtocolInfo protocolInfo;

    /** One line of a reply: status, separator ('-', '+' or ' '), text, and data for '+'. */
    public record ReplyLine(int status, char separator, String text, List<String> data) {
        public ReplyLine {
            data = List.copyOf(data);
        }
    }

    private TorControlClient(Socket socket, SecureRandom random) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.random = random;
    }

    /**
     * Opens the control connection.
     *
     * @param timeout connect timeout and per-reply read timeout
     */
    public static TorControlClient connect(InetSocketAddress control, Duration timeout, SecureRandom random)
            throws IOException {
        Socket s = new Socket();
        int ms = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        try {
            s.connect(control, ms);
            s.setSoTimeout(ms);
            s.setTcpNoDelay(true);
            return new TorControlClient(s, random);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Reads Tor's {@code ControlPortWriteToFile} file ({@code PORT=127.0.0.1:NNNN}). */
    public static InetSocketAddress readControlPortFile(Path file) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String l = line.strip();
            if (l.startsWith("PORT=")) {
                String hp = l.substring(5);
                int colon = hp.lastIndexOf(':');
                if (colon > 0) {
                    try {
                        return new InetSocketAddress(hp.substring(0, colon), Integer.parseInt(hp.substring(colon + 1)));
                    } catch (IllegalArgumentException e) {
                        throw new IOException("bad control port line in " + file, e);
                    }
                }
            }
        }
        throw new IOException("no PORT= line in " + file);
    }

    /** PROTOCOLINFO 1 (allowed before authentication; Tor allows it only once then). */
    public ProtocolInfo protocolInfo() throws IOException {
        if (protocolInfo != null) {
            return protocolInfo;
        }
        List<ReplyLine> reply = command("PROTOCOLINFO 1");
        Set<String> methods = new HashSet<>();
        Optional<Path> cookie = Optional.empty();
        TorVersion version = new TorVersion(0, 0, 0, 0);
        for (ReplyLine l : reply) {
            String t = l.text();
            if (t.startsWith("AUTH ")) {
                Map<String, String> kv = parseKeyValues(t.substring(5));
                String m = kv.get("METHODS");
                if (m != null) {
                    for (String x : m.split(",")) {
                        if (!x.isBlank()) {
                            methods.add(x.strip().toUpperCase(Locale.ROOT));
                        }
                    }
                }
                if (kv.containsKey("COOKIEFILE")) {
                    cookie = Optional.of(Path.of(kv.get("COOKIEFILE")));
                }
            } else if (t.startsWith("VERSION ")) {
                String v = parseKeyValues(t.substring(8)).get("Tor");
                if (v != null) {
                    version = TorVersion.parse(v);
                }
            }
        }
        protocolInfo = new ProtocolInfo(methods, cookie, version);
        return protocolInfo;
    }

    /** Authenticates with the given method (see {@link TorAuth}); throws on refusal. */
    public void authenticate(TorAuth auth) throws IOException {
        ProtocolInfo info = protocolInfo();
        Set<String> m = info.authMethods();
        if (auth instanceof TorAuth.None) {
            command("AUTHENTICATE");
        } else if (auth instanceof TorAuth.Password p) {
            command("AUTHENTICATE " + quote(p.password()), "AUTHENTICATE \"<redacted>\"");
        } else if (auth instanceof TorAuth.Cookie c) {
            Path file = c.cookieFile().or(info::cookieFile)
                    .orElseThrow(() -> new TorControlException(-1, "Tor announced no cookie file"));
            cookieAuth(file, m.contains("SAFECOOKIE") || !m.contains("COOKIE"));
        } else if (auth instanceof TorAuth.Auto a) {
            if (m.contains("NULL")) {
                command("AUTHENTICATE");
            } else if ((m.contains("SAFECOOKIE") || m.contains("COOKIE"))
                    && (a.cookieFile().isPresent() || info.cookieFile().isPresent())) {
                cookieAuth(a.cookieFile().or(info::cookieFile).orElseThrow(), m.contains("SAFECOOKIE"));
            } else if (m.contains("HASHEDPASSWORD") && a.password().isPresent()) {
                command("AUTHENTICATE " + quote(a.password().get()), "AUTHENTICATE \"<redacted>\"");
            } else {
                throw new TorControlException(-1, "no usable authentication method among " + m);
            }
        } else {
            throw new IllegalArgumentException("unknown auth " + auth);
        }
        LOG.debug("authenticated to Tor {}", info.version());
    }

    private void cookieAuth(Path file, boolean safe) throws IOException {
        byte[] cookie = Files.readAllBytes(file);
        if (cookie.length != 32) {
            throw new TorControlException(-1, "cookie file " + file + " is not 32 bytes");
        }
        if (!safe) {
            command("AUTHENTICATE " + HEX.formatHex(cookie), "AUTHENTICATE <cookie redacted>");
            return;
        }
        byte[] clientNonce = new byte[32];
        random.nextBytes(clientNonce);
        List<ReplyLine> r = command("AUTHCHALLENGE SAFECOOKIE " + HEX.formatHex(clientNonce));
        String text = r.get(r.size() - 1).text();
        if (!text.startsWith("AUTHCHALLENGE ")) {
            throw new TorControlException(-1, "unexpected AUTHCHALLENGE reply");
        }
        Map<String, String> kv = parseKeyValues(text.substring("AUTHCHALLENGE ".length()));
        byte[] serverHash;
        byte[] serverNonce;
        try {
            serverHash = HEX.parseHex(kv.getOrDefault("SERVERHASH", ""));
            serverNonce = HEX.parseHex(kv.getOrDefault("SERVERNONCE", ""));
        } catch (IllegalArgumentException e) {
            throw new TorControlException(-1, "AUTHCHALLENGE reply is not hex");
        }
        if (serverHash.length != 32 || serverNonce.length != 32) {
            throw new TorControlException(-1, "AUTHCHALLENGE reply has wrong lengths");
        }
        byte[] msg = concat(cookie, clientNonce, serverNonce);
        if (!MessageDigest.isEqual(hmac(SERVER_KEY, msg), serverHash)) {
            throw new TorControlException(-1, "Tor's SERVERHASH does not match our cookie (wrong cookie file?)");
        }
        command("AUTHENTICATE " + HEX.formatHex(hmac(CLIENT_KEY, msg)), "AUTHENTICATE <safecookie redacted>");
    }

    /** GETINFO one key; returns its value (single or multi-line joined with '\n'). */
    public String getInfo(String key) throws IOException {
        if (!key.matches("[A-Za-z0-9/\\-_.]+")) {
            throw new IllegalArgumentException("bad GETINFO key");
        }
        for (ReplyLine l : command("GETINFO " + key)) {
            if (l.text().startsWith(key + "=")) {
                return l.separator() == '+' ? String.join("\n", l.data()) : l.text().substring(key.length() + 1);
            }
        }
        throw new TorControlException(-1, "GETINFO " + key + ": no value");
    }

    /**
     * ADD_ONION. The service lives until DEL_ONION or until this connection closes. PoW parameters
     * are sent only when Tor is at least {@link TorVersion#ADD_ONION_POW}.
     */
    public OnionService addOnion(OnionRequest req) throws IOException {
        StringBuilder cmd = new StringBuilder("ADD_ONION ");
        cmd.append(req.key().map(OnionServiceKey::controlPortForm).orElse("NEW:" + OnionServiceKey.TYPE));
        if (req.discardKey() || req.key().isPresent()) {
            cmd.append(" Flags=DiscardPK");
        }
        if (req.pow().isPresent()) {
            if (protocolInfo().supportsAddOnionPow()) {
                OnionRequest.PowDefense p = req.pow().get();
                cmd.append(" PoWDefensesEnabled=1");
                if (p.queueRate() > 0) {
                    cmd.append(" PoWQueueRate=").append(p.queueRate());
                }
                if (p.queueBurst() > 0) {
                    cmd.append(" PoWQueueBurst=").append(p.queueBurst());
                }
            } else {
                LOG.info("Tor {} does not support PoW defence parameters in ADD_ONION; continuing without",
                        protocolInfo().version());
            }
        }
        String host = req.target().getHostString();
        cmd.append(" Port=").append(req.virtualPort()).append(',').append(host).append(':')
                .append(req.target().getPort());
        List<ReplyLine> reply = command(cmd.toString(), "ADD_ONION <redacted>");
        String id = null;
        OnionServiceKey key = null;
        for (ReplyLine l : reply) {
            if (l.text().startsWith("ServiceID=")) {
                id = l.text().substring("ServiceID=".length()).strip();
            } else if (l.text().startsWith("PrivateKey=")) {
                key = OnionServiceKey.parse(l.text().substring("PrivateKey=".length()));
            }
        }
        if (id == null || !id.matches("[a-z2-7]{56}")) {
            throw new TorControlException(-1, "ADD_ONION reply has no valid ServiceID");
        }
        ownServices.add(id);
        return new OnionService(id, req.virtualPort(),
                Optional.ofNullable(key).or(req::key));
    }

    /** DEL_ONION. */
    public void delOnion(String serviceId) throws IOException {
        if (!serviceId.matches("[a-z2-7]{56}")) {
            throw new IllegalArgumentException("not a v3 service id");
        }
        command("DEL_ONION " + serviceId);
        ownServices.remove(serviceId);
    }

    /** Sends one command and reads its full reply; throws {@link TorControlException} unless 250. */
    public List<ReplyLine> command(String line) throws IOException {
        return command(line, line);
    }

    private List<ReplyLine> command(String line, String forLog) throws IOException {
        if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("control command must be one line");
        }
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        List<ReplyLine> reply = readReply();
        ReplyLine last = reply.get(reply.size() - 1);
        if (last.status() != 250) {
            throw new TorControlException(last.status(), forLog.split(" ", 2)[0] + " failed: "
                    + last.status() + " " + last.text());
        }
        return reply;
    }

    private List<ReplyLine> readReply() throws IOException {
        List<ReplyLine> lines = new ArrayList<>();
        while (lines.size() < MAX_REPLY_LINES) {
            String l = readLine();
            if (l.length() < 4) {
                throw new TorControlException(-1, "short reply line from Tor");
            }
            int status;
            try {
                status = Integer.parseInt(l.substring(0, 3));
            } catch (NumberFormatException e) {
                throw new TorControlException(-1, "bad status in reply line from Tor");
            }
            char sep = l.charAt(3);
            String text = l.substring(4);
            List<String> data = List.of();
            if (sep == '+') {
                data = new ArrayList<>();
                while (true) {
                    String d = readLine();
                    if (d.equals(".")) {
                        break;
                    }
                    data.add(d.startsWith(".") ? d.substring(1) : d);
                    if (data.size() > MAX_REPLY_LINES) {
                        throw new TorControlException(-1, "reply too long");
                    }
                }
            } else if (sep != '-' && sep != ' ') {
                throw new TorControlException(-1, "bad separator in reply line from Tor");
            }
            if (status == 650) {
                continue; // asynchronous event; we subscribe to none, ignore any
            }
            lines.add(new ReplyLine(status, sep, text, data));
            if (sep == ' ') {
                return lines;
            }
        }
        throw new TorControlException(-1, "reply too long");
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw new TorControlException("Tor control port did not answer in time", e);
            }
            if (b < 0) {
                throw new TorControlException(-1, "Tor closed the control connection");
            }
            if (b == '\n') {
                byte[] bytes = buf.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            if (buf.size() >= MAX_LINE) {
                throw new TorControlException(-1, "reply line too long");
            }
            buf.write(b);
        }
    }

    /** Parses {@code KEY=value KEY="quoted \"value\""} pairs (values may be QuotedStrings). */
    static Map<String, String> parseKeyValues(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            int eq = s.indexOf('=', i);
            int sp = s.indexOf(' ', i);
            if (eq < 0 || (sp >= 0 && sp < eq)) {
                // a bare word: skip it
                i = sp < 0 ? n : sp + 1;
                continue;
            }
            String key = s.substring(i, eq);
            i = eq + 1;
            StringBuilder v = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    char c = s.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        char e = s.charAt(++i);
                        v.append(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            default -> e;
                        });
                    } else {
                        v.append(c);
                    }
                    i++;
                }
                i++; // closing quote
            } else {
                while (i < n && s.charAt(i) != ' ') {
                    v.append(s.charAt(i++));
                }
            }
            out.put(key, v.toString());
        }
        return out;
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("password must be one line");
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    private static byte[] hmac(byte[] key, byte[] msg) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(msg);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    /** Removes the services this connection created (best effort) and closes the socket. */
    @Override
    public void close() throws IOException {
        try {
            for (String id : List.copyOf(ownServices)) {
                try {
                    delOnion(id);
                } catch (IOException e) {
                    LOG.debug("DEL_ONION failed on close: {}", e.getMessage());
                    break;
                }
            }
        } finally {
            socket.close();
        }
    }
}
