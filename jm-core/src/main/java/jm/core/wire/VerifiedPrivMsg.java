package jm.core.wire;

import java.util.Objects;
import jm.core.Nick;

/**
 * A private message whose signature and nick binding were checked; only
 * {@link RawPrivMsg#verify()} creates one. Its content is still peer input: commands inside
 * {@link #data()} are parsed (and, if encrypted, decrypted) by {@code jm.core.command}.
 */
public final class VerifiedPrivMsg {
    private final Nick from;
    private final Nick to;
    private final String command;
    private final String data;
    private final String pubKeyHex;

    VerifiedPrivMsg(Nick from, Nick to, String command, String data, String pubKeyHex) {
        this.from = Objects.requireNonNull(from);
        this.to = Objects.requireNonNull(to);
        this.command = Objects.requireNonNull(command);
        this.data = Objects.requireNonNull(data);
        this.pubKeyHex = Objects.requireNonNull(pubKeyHex);
    }

    /** The sender, proven by the signature. */
    public Nick from() {
        return from;
    }

    public Nick to() {
        return to;
    }

    /** The first command name. */
    public String command() {
        return command;
    }

    /** The signed data (arguments of the first command, plus any {@code !cmd ...} parts). */
    public String data() {
        return data;
    }

    /** The sender's nick public key (66 lowercase hex chars). */
    public String pubKeyHex() {
        return pubKeyHex;
    }

    /** {@code command + " " + data}: the message body as commands, without the signature. */
    public String body() {
        return command + " " + data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifiedPrivMsg v && from.equals(v.from) && to.equals(v.to)
                && command.equals(v.command) && data.equals(v.data) && pubKeyHex.equals(v.pubKeyHex);
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, to, command, data, pubKeyHex);
    }

    @Override
    public String toString() {
        return "VerifiedPrivMsg[" + from + " -> " + to + " !" + command + "]";
    }
}
