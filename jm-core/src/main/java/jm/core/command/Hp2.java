package jm.core.command;

import java.util.Locale;
import java.util.Objects;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import jm.core.podle.PodleCommitment;

/**
 * {@code !hp2 <commitment hex>} (5.12, 7.6): as a PUBMSG, "blacklist this commitment"; as a
 * signed PRIVMSG, "broadcast it for me". Exactly 64 hex chars (no {@code P}); compared
 * case-insensitively, so either case is accepted and it is sent lowercase.
 *
 * @param commitment the used commitment
 */
public record Hp2(PodleCommitment commitment) implements PublicCommand, PlaintextCommand {
    public Hp2 {
        Objects.requireNonNull(commitment, "commitment");
    }

    public static Hp2 parse(String args) throws ProtocolException {
        String[] t = Fields.split(args, 1, "hp2", "commitment hex");
        if (t[0].length() != 64) {
            throw new ProtocolException(Reason.MALFORMED, "hp2.commitment", "expected 64 hex chars");
        }
        return new Hp2(PodleCommitment.parseHex(t[0].toLowerCase(Locale.ROOT)));
    }

    @Override
    public CommandName name() {
        return CommandName.HP2;
    }

    @Override
    public String args() {
        return commitment.toHex();
    }
}
