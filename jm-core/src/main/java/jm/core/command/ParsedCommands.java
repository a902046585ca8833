package jm.core.command;

import java.util.List;

/**
 * The commands of one message body, in order, and the parts that were rejected (each with
 * the typed reason). A strict caller drops the message unless {@link #rejected()} is empty.
 *
 * @param commands accepted commands
 * @param rejected why each rejected part was rejected
 */
public record ParsedCommands<T extends Command>(List<T> commands, List<jm.core.ProtocolException> rejected) {
    public ParsedCommands {
        commands = List.copyOf(commands);
        rejected = List.copyOf(rejected);
    }

    public boolean isClean() {
        return rejected.isEmpty();
    }
}
