package jm.net.channel;

/**
 * What every connection handler of one channel shares: who we are, the direct-connection
 * registry, where messages go, the listener and the failure policy.
 */
record HandlerParts(OwnIdentity own, DirectConnections directs, InboundMessages messages, ListenerDispatch dispatch,
        HandlerFailures failures) {
}
