package jm.tumbler.state;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import jm.tumbler.plan.ScheduleEntry;

/**
 * One step of a tumble and how far it has got.
 *
 * @param entry       what to do
 * @param status      how far it got
 * @param txid        its transaction once fully signed (SENT, CONFIRMED)
 * @param rawTx       the signed transaction (hex) when the taker handed it over, to broadcast it
 *                    again if a crash left it unknown to the node
 * @param baseBalance the mixdepth's balance fixed at the start of its run of steps (-1 unknown)
 * @param amountSats  the amount asked for (0 a sweep; -1 not yet resolved); the equal output
 *                    amount once sent
 * @param costSats    what the CoinJoin cost us (maker fees + our mining fee share), once sent
 * @param attempts    how many CoinJoins were tried for this step
 * @param lastError   why the last attempt failed
 * @param confirmedAt when the confirmation was seen
 */
public record StepState(ScheduleEntry entry, StepStatus status, Optional<String> txid, Optional<String> rawTx,
        long baseBalance, long amountSats, long costSats, int attempts, Optional<String> lastError,
        Optional<Instant> confirmedAt) {

    public StepState {
        Objects.requireNonNull(entry);
        Objects.requireNonNull(status);
        Objects.requireNonNull(txid);
        Objects.requireNonNull(rawTx);
        Objects.requireNonNull(lastError);
        Objects.requireNonNull(confirmedAt);
        if (status == StepStatus.SENT && txid.isEmpty()) {
            throw new IllegalArgumentException("a sent step needs its txid");
        }
    }

    public static StepState planned(ScheduleEntry e) {
        return new StepState(e, StepStatus.PLANNED, Optional.empty(), Optional.empty(), -1, -1, 0, 0,
                Optional.empty(), Optional.empty());
    }

    public StepState started(long base, long amount) {
        return new StepState(entry, StepStatus.STARTED, Optional.empty(), Optional.empty(), base, amount, 0,
                attempts + 1, lastError, Optional.empty());
    }

    public StepState sent(String id, Optional<String> raw) {
        return new StepState(entry, StepStatus.SENT, Optional.of(id), raw, baseBalance, amountSats, costSats, attempts,
                lastError, Optional.empty());
    }

    public StepState withResult(long amount, long cost) {
        return new StepState(entry, status, txid, rawTx, baseBalance, amount, cost, attempts, lastError, confirmedAt);
    }

    public StepState confirmed(Instant at) {
        return new StepState(entry, StepStatus.CONFIRMED, txid, rawTx, baseBalance, amountSats, costSats, attempts,
                lastError, Optional.of(at));
    }

    /** Back to PLANNED after a failed attempt or a transaction that never reached the chain. */
    public StepState failed(String why) {
        return new StepState(entry, StepStatus.PLANNED, Optional.empty(), Optional.empty(), baseBalance, -1, 0,
                attempts, Optional.of(why), Optional.empty());
    }

    public StepState withEntry(ScheduleEntry e) {
        return new StepState(e, status, txid, rawTx, baseBalance, amountSats, costSats, attempts, lastError,
                confirmedAt);
    }
}
