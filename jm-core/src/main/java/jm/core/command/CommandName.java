package jm.core.command;

import java.util.Optional;

/** Every JoinMarket command name (PROTOCOL.md 5.1) and how it may travel. */
public enum CommandName {
    ORDERBOOK("orderbook", true, true, false),
    SW0RELOFFER("sw0reloffer", true, true, false),
    SW0ABSOFFER("sw0absoffer", true, true, false),
    SWRELOFFER("swreloffer", true, true, false),
    SWABSOFFER("swabsoffer", true, true, false),
    RELOFFER("reloffer", true, true, false),
    ABSOFFER("absoffer", true, true, false),
    /** Only after offers inside a private message; never first, never public. */
    TBOND("tbond", false, false, false),
    CANCEL("cancel", true, false, false),
    FILL("fill", false, true, false),
    PUBKEY("pubkey", false, true, false),
    AUTH("auth", false, true, true),
    IOAUTH("ioauth", false, true, true),
    TX("tx", false, true, true),
    SIG("sig", false, true, true),
    PUSH("push", false, true, false),
    ERROR("error", false, true, false),
    HP2("hp2", true, true, false);

    private final String wireName;
    private final boolean publicAllowed;
    private final boolean privateFirst;
    private final boolean encrypted;

    CommandName(String wireName, boolean publicAllowed, boolean privateFirst, boolean encrypted) {
        this.wireName = wireName;
        this.publicAllowed = publicAllowed;
        this.privateFirst = privateFirst;
        this.encrypted = encrypted;
    }

    public String wireName() {
        return wireName;
    }

    /** May appear in a PUBMSG. */
    public boolean publicAllowed() {
        return publicAllowed;
    }

    /** May be the first command of a PRIVMSG. */
    public boolean privateFirst() {
        return privateFirst;
    }

    /** Travels only as NaCl-box ciphertext, alone in its message. */
    public boolean encrypted() {
        return encrypted;
    }

    public boolean isOffer() {
        return switch (this) {
            case SW0RELOFFER, SW0ABSOFFER, SWRELOFFER, SWABSOFFER, RELOFFER, ABSOFFER -> true;
            default -> false;
        };
    }

    /** Exact, case-sensitive lookup. */
    public static Optional<CommandName> fromWire(String name) {
        for (CommandName c : values()) {
            if (c.wireName.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
