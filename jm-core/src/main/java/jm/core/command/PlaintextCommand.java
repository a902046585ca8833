package jm.core.command;

/** A private command sent in plaintext (signed, not encrypted). */
public sealed interface PlaintextCommand extends PrivateCommand
        permits Orderbook, OfferCommand, TBond, Fill, PubKey, Push, ErrorCommand, Hp2 {
}
