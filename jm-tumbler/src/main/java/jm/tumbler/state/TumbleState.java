package jm.tumbler.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole tumble: the wallet it runs on, its destinations, every step's state and when the next
 * step may start (the wait after the last confirmation, kept across a restart).
 */
public record TumbleState(String wallet, Instant created, List<String> destinations, List<StepState> steps,
        Optional<Instant> nextStepNotBefore) {

    public TumbleState {
        Objects.requireNonNull(wallet);
        Objects.requireNonNull(created);
        destinations = List.copyOf(destinations);
        steps = List.copyOf(steps);
        Objects.requireNonNull(nextStepNotBefore);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a tumble needs at least one step");
        }
    }

    public TumbleState withStep(int index, StepState s) {
        List<StepState> copy = new ArrayList<>(steps);
        copy.set(index, s);
        return new TumbleState(wallet, created, destinations, copy, nextStepNotBefore);
    }

    public TumbleState withNextStepNotBefore(Optional<Instant> t) {
        return new TumbleState(wallet, created, destinations, steps, t);
    }

    public StepState step(int index) {
        return steps.get(index);
    }

    public boolean finished() {
        return steps.stream().allMatch(s -> s.status() == StepStatus.CONFIRMED);
    }

    /** Index of the first step not confirmed, or the step count when all are. */
    public int currentStep() {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).status() != StepStatus.CONFIRMED) {
                return i;
            }
        }
        return steps.size();
    }
}
