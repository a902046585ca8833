package jm.core.command;

import jm.core.ProtocolException;

/** {@code !cancel <oid>} (5.13): a maker withdraws an offer. Public only. */
public record Cancel(long oid) implements PublicCommand {
    public Cancel {
        if (oid < 0) {
            throw new IllegalArgumentException("negative oid");
        }
    }

    public static Cancel parse(String args) throws ProtocolException {
        String[] t = Fields.split(args, 1, "cancel", "oid");
        return new Cancel(Fields.decimal(t[0], "cancel.oid", 0, Long.MAX_VALUE));
    }

    @Override
    public CommandName name() {
        return CommandName.CANCEL;
    }

    @Override
    public String args() {
        return Long.toString(oid);
    }
}
