package jm.core.wire;

import java.util.Objects;
import jm.core.Nick;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;

/**
 * A PUBMSG (687) line {@code <from>!PUBLIC!<body>} (PROTOCOL.md 1.6): unsigned and unencrypted;
 * the sender nick is unauthenticated. The body is one or more commands, the first without its
 * leading {@code !}, e.g. {@code cancel 0!cancel 1}.
 *
 * @param from the claimed sender
 * @param body everything after {@code from!PUBLIC!}, non-empty
 */
public record PubMsg(Nick from, String body) {
    public static final String PUBLIC = "PUBLIC";

    public PubMsg {
        Objects.requireNonNull(from, "from");
        if (body == null || body.isEmpty()) {
            throw new IllegalArgumentException("empty public message body");
        }
    }

    public static PubMsg parse(String line) throws ProtocolException {
        if (line == null || line.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, "pubmsg", "empty line");
        }
        int a = line.indexOf('!');
        if (a < 0) {
            throw new ProtocolException(Reason.MALFORMED, "pubmsg", "expected from!PUBLIC!body");
        }
        int b = line.indexOf('!', a + 1);
        if (b < 0) {
            throw new ProtocolException(Reason.MALFORMED, "pubmsg", "expected from!PUBLIC!body");
        }
        String to = line.substring(a + 1, b);
        if (!to.equals(PUBLIC)) {
            throw new ProtocolException(to.equalsIgnoreCase(PUBLIC) ? Reason.BAD_ENCODING : Reason.MALFORMED,
                    "pubmsg.to", "recipient must be PUBLIC");
        }
        Nick from = Nick.parse(line.substring(0, a));
        String body = line.substring(b + 1);
        if (body.isEmpty()) {
            throw new ProtocolException(Reason.MISSING_FIELD, "pubmsg.body", "empty");
        }
        return new PubMsg(from, body);
    }

    public String toLine() {
        return from.value() + "!" + PUBLIC + "!" + body;
    }

    public Envelope toEnvelope() {
        return Envelope.of(MessageType.PUBMSG, toLine());
    }
}
