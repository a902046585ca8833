package jm.core.command;

/** A JoinMarket command with its arguments. */
public sealed interface Command permits PublicCommand, PrivateCommand {
    CommandName name();

    /** The argument text after the command name ({@code ""} when there are none). */
    String args();

    /** {@code name args}, without the leading {@code !}. */
    default String toWire() {
        String a = args();
        return a.isEmpty() ? name().wireName() : name().wireName() + " " + a;
    }
}
