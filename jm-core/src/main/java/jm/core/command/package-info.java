/**
 * Typed JoinMarket commands (PROTOCOL.md 5): parse and format for every command, the
 * multi-part public and private message bodies, and the plaintext payloads of the encrypted
 * commands. Which command may travel how is a property of the types: only
 * {@link jm.core.command.PublicCommand}s can be put in a public message, only
 * {@link jm.core.command.PrivateCommand}s in a private one, and the four encrypted commands
 * exist on the wire only as ciphertext ({@link jm.core.command.EncryptedCommand}).
 *
 * <p>Owns: command syntax and the public/private/encrypted rule. Must not import: sockets,
 * files, threads, the clock; session logic (state machines) lives with makers and takers.
 */
package jm.core.command;
