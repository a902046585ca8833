package jm.net.channel;

import jm.core.Nick;
import jm.core.wire.PubMsg;
import jm.core.wire.VerifiedPrivMsg;

/** The checks one direct connection applies to a message before it is delivered (see {@link DirectHandler}). */
interface DirectAdmission {
    /** Whether a PUBMSG on this connection may be delivered (sender and per-connection limits). */
    boolean admitPublic(PubMsg msg);

    /** Whether this connection may carry a PRIVMSG claiming to be from {@code nick} (checked before its signature). */
    boolean mayClaim(Nick nick);

    /** Whether a verified PRIVMSG on this connection may be delivered (identity binding and limits). */
    boolean admitPrivate(VerifiedPrivMsg msg);
}
