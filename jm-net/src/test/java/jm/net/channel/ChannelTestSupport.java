package jm.net.channel;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jm.net.transport.NetRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the live-socket channel tests share: one {@link NetRuntime} per test class, a listener
 * thread per test, and what a test opened, closed after it in reverse order.
 */
abstract class ChannelTestSupport {
    static final SecureRandom RANDOM = new SecureRandom();
    static NetRuntime runtime;
    final ExecutorService listenerThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "listener"));
    final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void startRuntime() {
        runtime = NetRuntime.create(2, "channel-test");
    }

    @AfterAll
    static void stopRuntime() {
        runtime.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        listenerThread.shutdownNow();
    }

    /** {@code c}, closed after the test. */
    <T extends AutoCloseable> T closing(T c) {
        toClose.add(c);
        return c;
    }
}
