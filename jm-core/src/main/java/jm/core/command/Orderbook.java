package jm.core.command;

/** {@code !orderbook}: request offers (5.2). Public; also accepted (and ignored) privately. */
public record Orderbook() implements PublicCommand, PlaintextCommand {
    public static final Orderbook INSTANCE = new Orderbook();

    @Override
    public CommandName name() {
        return CommandName.ORDERBOOK;
    }

    @Override
    public String args() {
        return "";
    }
}
