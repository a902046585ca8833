package jm.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client as Jam is one: java.net.http over HTTPS trusting exactly the daemon's self-signed
 * certificate, POST bodies sent as text/plain (as Jam's browser fetch does), the token in
 * {@code x-jm-authorization}, and the JDK WebSocket client.
 */
final class DaemonClient {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http;
    final String base;
    final String wsBase;

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String message() {
            return body.path("message").asText();
        }
    }

    DaemonClient(DaemonServer server, Path dataDir, boolean tls) throws Exception {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (tls) {
            b.sslContext(TlsFiles.clientContext(dataDir));
        }
        http = b.build();
        base = (tls ? "https" : "http") + "://127.0.0.1:" + server.port();
        wsBase = (tls ? "wss" : "ws") + "://127.0.0.1:" + server.port();
    }

    Reply get(String path, String token) throws Exception {
        return send(request(path, token).GET());
    }

    Reply post(String path, String token, String body) throws Exception {
        return send(request(path, token).header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply delete(String path, String token) throws Exception {
        return send(request(path, token).DELETE());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        if (token != null) {
            r.header("x-jm-authorization", "Bearer " + token);
        }
        return r;
    }

    private Reply send(HttpRequest.Builder r) throws Exception {
        HttpResponse<String> res = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = res.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(res.body());
        return new Reply(res.statusCode(), body, res);
    }

    /** A WebSocket client collecting every text message. */
    static final class Socket implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket ws;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        /** The next message satisfying {@code test}, skipping others, within the timeout. */
        JsonNode await(java.util.function.Predicate<JsonNode> test, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (true) {
                JsonNode n = messages.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (n == null) {
                    throw new AssertionError("no matching WebSocket message within " + timeout);
                }
                if (test.test(n)) {
                    return n;
                }
            }
        }
    }

    Socket socket(String path) throws Exception {
        return socket(URI.create(wsBase + path));
    }

    /** A WebSocket to the separate WebSocket port (the reference's 28283). */
    Socket socket(int port, String path) throws Exception {
        return socket(URI.create(wsBase.replaceFirst(":\\d+$", ":" + port) + path));
    }

    private Socket socket(URI uri) throws Exception {
        Socket s = new Socket();
        s.ws = http.newWebSocketBuilder().buildAsync(uri, s).get(20, TimeUnit.SECONDS);
        return s;
    }
}
