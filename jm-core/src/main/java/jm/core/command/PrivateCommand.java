package jm.core.command;

/** A command that may be sent in a signed PRIVMSG. */
public sealed interface PrivateCommand extends Command permits PlaintextCommand, EncryptedCommand {
}
