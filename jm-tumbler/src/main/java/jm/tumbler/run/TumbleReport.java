package jm.tumbler.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import jm.tumbler.plan.ScheduleEntry;
import jm.tumbler.plan.StepAmount;
import jm.tumbler.state.StepState;
import jm.tumbler.state.StepStatus;
import jm.tumbler.state.TumbleState;

/** A tumble for people (lines) and scripts (JSON): the plan, each step's progress and the totals. */
public final class TumbleReport {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** The state for scripts and the wallet daemon: no raw transactions. */
    public static ObjectNode json(TumbleState s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("wallet", s.wallet());
        o.put("created", s.created().toString());
        o.put("finished", s.finished());
        o.put("current_step", s.currentStep());
        o.put("step_count", s.steps().size());
        s.nextStepNotBefore().ifPresent(t -> o.put("next_step_not_before", t.toString()));
        ArrayNode d = o.putArray("destinations");
        s.destinations().forEach(d::add);
        ArrayNode steps = o.putArray("steps");
        long cost = 0;
        for (StepState st : s.steps()) {
            ObjectNode j = steps.addObject();
            ScheduleEntry e = st.entry();
            j.put("mixdepth", e.mixdepth());
            j.put("amount", e.amount().toScheduleText());
            j.put("makers", e.makerCount());
            j.put("destination", e.destination());
            j.put("wait_minutes", e.waitMinutes());
            j.put("rounding", e.rounding());
            j.put("status", st.status().wireName());
            st.txid().ifPresent(t -> j.put("txid", t));
            if (st.amountSats() >= 0) {
                j.put("amount_sats", st.amountSats());
            }
            j.put("cost_sats", st.costSats());
            j.put("attempts", st.attempts());
            st.lastError().ifPresent(t -> j.put("last_error", t));
            st.confirmedAt().ifPresent(t -> j.put("confirmed_at", t.toString()));
            cost += st.costSats();
        }
        o.put("total_cost_sats", cost);
        return o;
    }
}
