package jm.core.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.crypto.NickKey;
import jm.core.offer.OfferType;
import jm.core.wire.PubMsg;
import jm.core.wire.RawPrivMsg;
import jm.core.wire.VerifiedPrivMsg;

/**
 * Parses and builds message bodies made of commands (PROTOCOL.md 1.6, 5). The types decide
 * what may go where: a public message holds only {@link PublicCommand}s; a private message is
 * either one {@link EncryptedCommand} alone or {@link PlaintextCommand}s, where {@code !tbond}
 * may only follow offers.
 */
public final class Commands {
    /** Most commands read from one message body. */
    public static final int MAX_PARTS = 256;

    private Commands() {
    }

    // ---------------------------------------------------------------- parsing single commands

    /** Parses one command {@code name args} (no leading {@code !}) of any kind. */
    public static Command parse(String part) throws ProtocolException {
        if (part == null || part.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, "command", "empty");
        }
        int sp = part.indexOf(' ');
        String nameText = sp < 0 ? part : part.substring(0, sp);
        String args = sp < 0 ? "" : part.substring(sp + 1);
        CommandName name = name(nameText);
        return switch (name) {
            case ORDERBOOK -> Orderbook.INSTANCE;
            case SW0RELOFFER, SW0ABSOFFER, SWRELOFFER, SWABSOFFER, RELOFFER, ABSOFFER ->
                    OfferCommand.parse(OfferType.fromWireName(name.wireName()).orElseThrow(), args);
            case TBOND -> TBond.parse(args);
            case CANCEL -> Cancel.parse(args);
            case FILL -> Fill.parse(args);
            case PUBKEY -> PubKey.parse(args);
            case AUTH -> new Auth(Ciphertexts.checked(name, args));
            case IOAUTH -> new IoAuth(Ciphertexts.checked(name, args));
            case TX -> new Tx(Ciphertexts.checked(name, args));
            case SIG -> new Sig(Ciphertexts.checked(name, args));
            case PUSH -> Push.parse(args);
            case ERROR -> ErrorCommand.parse(args);
            case HP2 -> Hp2.parse(args);
        };
    }

    private static CommandName nameOf(String part) throws ProtocolException {
        if (part == null || part.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, "command", "empty");
        }
        int sp = part.indexOf(' ');
        return name(sp < 0 ? part : part.substring(0, sp));
    }

    private static CommandName name(String text) throws ProtocolException {
        Optional<CommandName> n = CommandName.fromWire(text);
        if (n.isPresent()) {
            return n.get();
        }
        String shown = text.length() > 20 ? text.substring(0, 20) + "..." : text;
        if (CommandName.fromWire(text.toLowerCase(Locale.ROOT)).isPresent()) {
            throw new ProtocolException(Reason.BAD_ENCODING, "command", "command names are lowercase: " + shown);
        }
        throw new ProtocolException(Reason.UNKNOWN, "command", "unknown command: " + shown);
    }

    /** Parses one command that must be allowed in a public message. */
    public static PublicCommand parsePublic(String part) throws ProtocolException {
        CommandName n = nameOf(part);
        if (!n.publicAllowed()) {
            throw new ProtocolException(Reason.FORBIDDEN, "pubmsg.command", "!" + n.wireName() + " must not be public");
        }
        Command c = parse(part);
        if (c instanceof PublicCommand p) {
            return p;
        }
        throw new ProtocolException(Reason.FORBIDDEN, "pubmsg.command", "!" + c.name().wireName() + " must not be public");
    }

    // ---------------------------------------------------------------- public bodies

    /**
     * Parses the body of a PUBMSG ({@code cmd args[!cmd args]...}, a leading {@code !} allowed).
     * Unknown, private-only or malformed parts are rejected one by one.
     *
     * @throws ProtocolException if the body is empty, has too many parts, or asks for the
     *                           orderbook more than once (the whole message is dropped)
     */
    public static ParsedCommands<PublicCommand> parsePublicBody(String body) throws ProtocolException {
        List<String> parts = splitParts(body, "pubmsg.body");
        List<PublicCommand> out = new ArrayList<>();
        List<ProtocolException> rejected = new ArrayList<>();
        int orderbooks = 0;
        for (String p : parts) {
            if (p.equals("orderbook") || p.startsWith("orderbook ")) {
                if (++orderbooks > 1) {
                    throw new ProtocolException(Reason.INVALID, "pubmsg.body", "orderbook requested more than once");
                }
            }
            try {
                out.add(parsePublic(p));
            } catch (ProtocolException e) {
                rejected.add(e);
            }
        }
        return new ParsedCommands<>(out, rejected);
    }

    public static ParsedCommands<PublicCommand> parsePublic(PubMsg msg) throws ProtocolException {
        return parsePublicBody(msg.body());
    }

    private static List<String> splitParts(String body, String field) throws ProtocolException {
        if (body == null || body.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, field, "empty");
        }
        String[] raw = body.split("!", MAX_PARTS + 2);
        List<String> parts = new ArrayList<>();
        for (String r : raw) {
            if (!r.isEmpty()) {
                parts.add(r);
            }
        }
        if (parts.size() > MAX_PARTS || raw.length > MAX_PARTS + 1) {
            throw new ProtocolException(Reason.OVERSIZED, field, "more than " + MAX_PARTS + " commands");
        }
        if (parts.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, field, "no command");
        }
        return parts;
    }

    // ---------------------------------------------------------------- private bodies

    /**
     * Parses the commands of a verified private message. An encrypted first command must be
     * alone (its data one base64 token); a plaintext message may carry several plaintext
     * commands, {@code !tbond} only after an offer. Rejected later parts (unknown names,
     * encrypted or public-only commands) are listed in {@link ParsedCommands#rejected()}.
     *
     * @throws ProtocolException if the first command is malformed or not private
     */
    public static ParsedCommands<PrivateCommand> parsePrivate(VerifiedPrivMsg msg) throws ProtocolException {
        return parsePrivateBody(msg.command(), msg.data());
    }

    /** As {@link #parsePrivate(VerifiedPrivMsg)}, from the first command name and its data. */
    public static ParsedCommands<PrivateCommand> parsePrivateBody(String command, String data) throws ProtocolException {
        CommandName first = name(command);
        if (!first.privateFirst()) {
            throw new ProtocolException(Reason.FORBIDDEN, "privmsg.command", "!" + command + " cannot start a private message");
        }
        if (first.encrypted()) {
            Command c = parse(command + " " + data);
            return new ParsedCommands<>(List.of((EncryptedCommand) c), List.of());
        }
        List<String> parts = splitParts(command + " " + data, "privmsg.body");
        List<PrivateCommand> out = new ArrayList<>();
        List<ProtocolException> rejected = new ArrayList<>();
        Command head = parse(parts.get(0));
        out.add((PlaintextCommand) head);
        boolean offerSeen = head instanceof OfferCommand;
        for (int i = 1; i < parts.size(); i++) {
            try {
                CommandName n = nameOf(parts.get(i));
                if (n.encrypted()) {
                    throw new ProtocolException(Reason.FORBIDDEN, "privmsg.command",
                            "!" + n.wireName() + " must be alone in its message");
                }
                if (!n.privateFirst() && n != CommandName.TBOND) {
                    throw new ProtocolException(Reason.FORBIDDEN, "privmsg.command", "!" + n.wireName() + " is public only");
                }
                if (n == CommandName.TBOND && !offerSeen) {
                    throw new ProtocolException(Reason.INVALID, "privmsg.tbond", "!tbond must follow an offer");
                }
                Command c = parse(parts.get(i));
                if (c instanceof EncryptedCommand) {
                    throw new ProtocolException(Reason.FORBIDDEN, "privmsg.command",
                            "!" + c.name().wireName() + " must be alone in its message");
                }
                if (!(c instanceof PlaintextCommand pc)) {
                    throw new ProtocolException(Reason.FORBIDDEN, "privmsg.command",
                            "!" + c.name().wireName() + " is public only");
                }
                if (c instanceof TBond && !offerSeen) {
                    throw new ProtocolException(Reason.INVALID, "privmsg.tbond", "!tbond must follow an offer");
                }
                offerSeen |= c instanceof OfferCommand;
                out.add(pc);
            } catch (ProtocolException e) {
                rejected.add(e);
            }
        }
        return new ParsedCommands<>(out, rejected);
    }

    // ---------------------------------------------------------------- building messages

    /** The body of a public message: {@code cmd1 args!cmd2 args...}. */
    public static String publicBody(List<? extends PublicCommand> commands) {
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("no commands");
        }
        StringBuilder sb = new StringBuilder();
        for (PublicCommand c : commands) {
            if (sb.length() > 0) {
                sb.append('!');
            }
            sb.append(c.toWire());
        }
        return sb.toString();
    }

    /** A PUBMSG from {@code from} carrying {@code commands}. */
    public static PubMsg publicMessage(Nick from, List<? extends PublicCommand> commands) {
        return new PubMsg(from, publicBody(commands));
    }

    public static PubMsg publicMessage(Nick from, PublicCommand command) {
        return publicMessage(from, List.of(command));
    }

    /** A signed PRIVMSG carrying one encrypted command. */
    public static RawPrivMsg sign(NickKey from, Nick to, EncryptedCommand command) {
        return RawPrivMsg.signed(from, to, command.name().wireName(), command.ciphertext());
    }

    /** A signed PRIVMSG carrying one plaintext command. */
    public static RawPrivMsg sign(NickKey from, Nick to, PlaintextCommand command) {
        return sign(from, to, List.of(command));
    }

    /**
     * A signed PRIVMSG carrying plaintext commands under one signature, e.g. offers followed by
     * {@code !tbond}. The first may not be {@code !tbond}; {@code !tbond} must follow an offer.
     */
    public static RawPrivMsg sign(NickKey from, Nick to, List<? extends PlaintextCommand> commands) {
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("no commands");
        }
        PlaintextCommand head = commands.get(0);
        if (!head.name().privateFirst()) {
            throw new IllegalArgumentException("!" + head.name().wireName() + " cannot start a private message");
        }
        boolean offerSeen = false;
        for (PlaintextCommand c : commands) {
            if (c instanceof TBond && !offerSeen) {
                throw new IllegalArgumentException("!tbond must follow an offer");
            }
            offerSeen |= c instanceof OfferCommand;
        }
        StringBuilder data = new StringBuilder(head.args());
        for (int i = 1; i < commands.size(); i++) {
            data.append('!').append(commands.get(i).toWire());
        }
        if (data.length() == 0) {
            throw new IllegalArgumentException("!" + head.name().wireName() + " has no data to sign");
        }
        return RawPrivMsg.signed(from, to, head.name().wireName(), data.toString());
    }
}
