package jm.net.channel;

import jm.core.Nick;

/** No usable channel to a nick: no handshaked direct connection and not seen on any live directory. */
public final class NoRouteException extends Exception {
    private static final long serialVersionUID = 1L;

    public NoRouteException(Nick to, String detail) {
        super("no route to " + to + ": " + detail);
    }
}
