package jm.directory.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health} (JSON) and {@code GET /metrics} (Prometheus text) on a loopback address.
 * One small worker thread; scrapes never touch the Netty event loops.
 */
public final class HealthEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthEndpoint.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private HealthEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts the endpoint.
     *
     * @param host   bind address; must be a loopback address
     * @param port   0 for any free port
     * @param health JSON body for /health
     * @param metrics Prometheus body for /metrics
     */
    public static HealthEndpoint start(String host, int port, Supplier<String> health, Supplier<String> metrics)
            throws IOException {
        InetSocketAddress addr = new InetSocketAddress(host, port);
        if (addr.getAddress() == null || !addr.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("health_check_host must be a loopback address, not " + host);
        }
        HttpServer server = HttpServer.create(addr, 16);
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jm-directory-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(ex);
        server.createContext("/health", e -> respond(e, "application/json", health));
        server.createContext("/metrics", e -> respond(e, "text/plain; version=0.0.4; charset=utf-8", metrics));
        server.start();
        return new HealthEndpoint(server, ex);
    }

    private static void respond(HttpExchange e, String contentType, Supplier<String> body) throws IOException {
        try {
            if (!"GET".equals(e.getRequestMethod()) && !"HEAD".equals(e.getRequestMethod())) {
                e.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes;
            try {
                bytes = body.get().getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException ex) {
                LOG.warn("health endpoint failed to render {}: {}", e.getRequestURI(), ex.toString());
                e.sendResponseHeaders(500, -1);
                return;
            }
            e.getResponseHeaders().set("Content-Type", contentType);
            e.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = e.getResponseBody()) {
                out.write(bytes);
            }
        } finally {
            e.close();
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
