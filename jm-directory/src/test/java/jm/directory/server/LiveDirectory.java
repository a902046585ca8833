package jm.directory.server;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import jm.core.crypto.NickKey;
import jm.directory.config.DirectoryConfig;

/** A directory on a loopback ephemeral port and what tests connected to it, all closed together. */
final class LiveDirectory implements AutoCloseable {
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private DirectoryServer server;

    /** Starts on 127.0.0.1, port 0; {@code healthPort} 0 = any free port, -1 = no HTTP endpoint. */
    DirectoryServer start(DirectoryConfig.Builder b, int healthPort) throws Exception {
        server = DirectoryServer.start(b.host("127.0.0.1").port(0).healthCheckPort(healthPort).build(),
                NickKey.random(new SecureRandom()).nick(), TimeSource.SYSTEM);
        return server;
    }

    /** A connected test client, closed with the directory. */
    TestClient client() throws IOException {
        return track(TestClient.connect(server.port()));
    }

    /** Closes {@code c} with the directory. */
    <T extends AutoCloseable> T track(T c) {
        toClose.add(c);
        return c;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
