package jm.net.channel;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import jm.net.tor.OnionRequest;
import jm.net.tor.TorControlClient;

/** Whether and how a maker serves direct connections (PROTOCOL.md 11.5). */
public sealed interface DirectServing {
    /** No server: location {@code NOT-SERVING-ONION} (takers, watchers). */
    record None() implements DirectServing {
    }

    /**
     * Local mode: listen on {@code bind} and advertise {@code advertisedHost:<bound port>}.
     *
     * @param bind e.g. 127.0.0.1:0
     * @param advertisedHost the host peers connect to (normally the bind host)
     */
    record Local(InetSocketAddress bind, String advertisedHost) implements DirectServing {
        public Local {
            Objects.requireNonNull(bind, "bind");
            Objects.requireNonNull(advertisedHost, "advertisedHost");
        }
    }

    /**
     * Tor mode: listen on {@code bind} (loopback) behind an ephemeral onion service created with
     * the control port; the service is removed (DEL_ONION) on stop.
     *
     * @param bind loopback listen address (port 0 = any)
     * @param control opens an authenticated control connection (called on the blocking executor)
     * @param pow optional proof-of-work defence for the service
     */
    record Onion(InetSocketAddress bind, Supplier<TorControlClient> control,
            Optional<OnionRequest.PowDefense> pow) implements DirectServing {
        public Onion {
            Objects.requireNonNull(bind, "bind");
            Objects.requireNonNull(control, "control");
            Objects.requireNonNull(pow, "pow");
        }
    }

    static DirectServing none() {
        return new None();
    }

    static DirectServing local(InetSocketAddress bind) {
        return new Local(bind, bind.getHostString());
    }
}
