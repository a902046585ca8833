package jm.core.command;

/** A command that may be broadcast in a PUBMSG: orderbook, offers without bond, cancel, hp2. */
public sealed interface PublicCommand extends Command permits Orderbook, OfferCommand, Cancel, Hp2 {
}
