package jm.directory.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import jm.core.crypto.NickKey;

/** A blocking loopback JoinMarket client for tests: speaks envelopes line by line. */
final class TestClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    final NickKey key;
    final String nick;
    final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private TestClient(NickKey key, String nick, Socket socket) throws IOException {
        this.key = key;
        this.nick = nick;
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    static TestClient connect(int port) throws IOException {
        NickKey k = NickKey.random(RANDOM);
        return connect(port, k, k.nick().value());
    }

    /** Connects with a given nick and no key (for peers that never sign). */
    static TestClient connect(int port, NickKey key, String nick) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(5_000);
        s.setTcpNoDelay(true);
        return new TestClient(key, nick, s);
    }

    static String handshakeLine(String nick, String location, String network, String featuresJson) {
        return "{\"app-name\": \"joinmarket\", \"directory\": false, \"location-string\": \"" + location
                + "\", \"proto-ver\": 5, \"features\": " + featuresJson + ", \"nick\": \"" + nick
                + "\", \"network\": \"" + network + "\"}";
    }

    static String envelope(int type, String line) {
        StringBuilder sb = new StringBuilder("{\"type\": ").append(type).append(", \"line\": ");
        return jm.core.wire.WireJson.appendString(sb, line).append('}').toString();
    }

    void sendRaw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void send(int type, String line) throws IOException {
        sendRaw(envelope(type, line) + "\r\n");
    }

    /** Sends a handshake and returns the DN_HANDSHAKE line's JSON. */
    JsonNode handshake(String location, String network, String featuresJson) throws IOException {
        return handshake(location, network, featuresJson, java.util.function.UnaryOperator.identity());
    }

    /** Like above, with the handshake line edited before it is sent. */
    JsonNode handshake(String location, String network, String featuresJson,
            java.util.function.UnaryOperator<String> edit) throws IOException {
        send(793, edit.apply(handshakeLine(nick, location, network, featuresJson)));
        JsonNode env = readEnvelope().orElseThrow(() -> new IOException("closed before DN_HANDSHAKE"));
        if (env.get("type").asInt() != 795) {
            throw new IOException("expected 795, got " + env);
        }
        return JSON.readTree(env.get("line").asText());
    }

    /** NG-style peer: peerlist_features and ping. */
    JsonNode handshakeNg(String location) throws IOException {
        return handshake(location, "regtest", "{\"peerlist_features\": true, \"ping\": true}");
    }

    /** Reference-style peer: no features. */
    JsonNode handshakeReference(String location) throws IOException {
        return handshake(location, "regtest", "{}");
    }

    /** The next envelope, or empty on EOF; throws SocketTimeoutException after the read timeout. */
    Optional<JsonNode> readEnvelope() throws IOException {
        String line = in.readLine();
        if (line == null) {
            return Optional.empty();
        }
        return Optional.of(JSON.readTree(line));
    }

    /** The next envelope of the given type, skipping others; empty on EOF. */
    Optional<JsonNode> readType(int type) throws IOException {
        while (true) {
            Optional<JsonNode> e = readEnvelope();
            if (e.isEmpty() || e.get().get("type").asInt() == type) {
                return e;
            }
        }
    }

    /** Whether the server closed the connection within the read timeout (data before EOF is skipped). */
    boolean closedByServer() throws IOException {
        try {
            while (in.readLine() != null) {
                // drain
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** Whether nothing arrives within {@code millis}. */
    boolean silentFor(int millis) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            in.readLine();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(old);
        }
    }

    /** A signed PRIVMSG line {@code from!to!cmd data pub sig} (PROTOCOL.md 1.6, 3.3). */
    String signedPrivmsg(String to, String cmd, String data) {
        return nick + "!" + to + "!" + cmd + " " + data + " " + key.pubKeyHex() + " " + key.signPrivmsg(data);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
