package jm.tumbler.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import jm.tumbler.plan.ScheduleEntry;
import jm.tumbler.plan.StepAmount;
import jm.tumbler.state.StepState;
import jm.tumbler.state.StepStatus;
import jm.tumbler.state.TumbleState;
import jm.tumbler.state.TumbleStateStore;

/** A tumble for people (lines) and scripts (JSON): the plan, each step's progress and the totals. */
public final class TumbleReport {
    private TumbleReport() {
    }

    /** One line per step plus totals. */
    public static List<String> lines(TumbleState s) {
        List<String> out = new ArrayList<>();
        int n = s.steps().size();
        long cost = 0;
        for (int i = 0; i < n; i++) {
            StepState st = s.step(i);
            ScheduleEntry e = st.entry();
            cost += st.costSats();
            out.add(String.format(java.util.Locale.ROOT, "%2d/%d  %-9s mixdepth %d  %-22s %2d makers  to %-44s wait %s%s",
                    i + 1, n, st.status().wireName(), e.mixdepth(), amount(st), e.makerCount(), e.destination(),
                    TumbleExecutor.human(TumbleExecutor.minutes(e.waitMinutes())),
                    st.txid().map(t -> "  " + t).orElse("")));
        }
        long done = s.steps().stream().filter(x -> x.status() == StepStatus.CONFIRMED).count();
        out.add(done + " of " + n + " CoinJoins confirmed; cost so far " + cost + " sats; destinations: "
                + String.join(", ", s.destinations()));
        return out;
    }

    private static String amount(StepState st) {
        StepAmount a = st.entry().amount();
        if (st.amountSats() > 0) {
            return TumbleExecutor.btc(st.amountSats());
        }
        if (a instanceof StepAmount.Fraction f) {
            return String.format(java.util.Locale.ROOT, "%.1f%% of mixdepth", f.value() * 100);
        } else if (a instanceof StepAmount.Fixed f) {
            return TumbleExecutor.btc(f.sats());
        }
        return "sweep";
    }

    /**
     * The state for scripts and the wallet daemon: the state file's fields without the raw
     * transactions, plus whether it finished, the current step (0-based) and the total cost.
     */
    public static ObjectNode json(TumbleState s) {
        ObjectNode o = TumbleStateStore.toJson(s);
        o.remove("version");
        long cost = 0;
        for (com.fasterxml.jackson.databind.JsonNode step : o.withArray("steps")) {
            ((ObjectNode) step).remove("raw_tx");
        }
        for (StepState st : s.steps()) {
            cost += st.costSats();
        }
        o.put("finished", s.finished());
        o.put("current_step", s.currentStep());
        o.put("step_count", s.steps().size());
        o.put("total_cost_sats", cost);
        return o;
    }

    /**
     * The schedule as the reference's wallet daemon answers it: one list per step, {@code [mixdepth,
     * amount, makers, destination, wait minutes, rounding, completed]}, the amount 0 for a sweep, a
     * fraction or satoshis, completed 0 (not yet sent), the txid (sent) or 1 (confirmed).
     */
    public static ArrayNode referenceSchedule(TumbleState s) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (StepState st : s.steps()) {
            ScheduleEntry e = st.entry();
            ArrayNode line = out.addArray().add(e.mixdepth());
            if (e.amount() instanceof StepAmount.Fraction f) {
                line.add(f.value());
            } else if (e.amount() instanceof StepAmount.Fixed f) {
                line.add(f.sats());
            } else {
                line.add(0);
            }
            line.add(e.makerCount()).add(e.destination()).add(e.waitMinutes()).add(e.rounding());
            switch (st.status()) {
                case CONFIRMED -> line.add(1);
                case SENT -> line.add(st.txid().orElseThrow());
                default -> line.add(0);
            }
        }
        return out;
    }
}
