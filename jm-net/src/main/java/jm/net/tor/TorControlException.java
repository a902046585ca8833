package jm.net.tor;

import java.io.IOException;

/** The Tor control port refused a command, answered something unexpected, or went away. */
public final class TorControlException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public TorControlException(int status, String message) {
        super(message);
        this.status = status;
    }

    public TorControlException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
    }

    /** Tor's reply status (e.g. 515 bad authentication, 512 syntax), or -1 if not from a reply. */
    public int status() {
        return status;
    }
}
