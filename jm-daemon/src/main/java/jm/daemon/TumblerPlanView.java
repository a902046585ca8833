package jm.daemon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import jm.tumbler.plan.ScheduleEntry;
import jm.tumbler.plan.StepAmount;
import jm.tumbler.state.StepState;
import jm.tumbler.state.TumbleState;

/**
 * JoinMarket NG's tumbler plan answer ({@code POST /tumbler/plan}, {@code GET /tumbler/status}):
 * plan_id, wallet_name, status (pending, running, completed, failed, cancelled), destinations,
 * current_phase, phases, created_at, updated_at, error, stale. Every step is a {@code
 * taker_coinjoin} phase; raw transactions are never shown.
 */
final class TumblerPlanView {
    private TumblerPlanView() {
    }

    static ObjectNode json(String walletName, TumbleState s, String status, Instant updated) {
        ObjectNode o = WalletViews.JSON.createObjectNode();
        o.put("plan_id", s.wallet() + "-" + s.created().toEpochMilli());
        o.put("wallet_name", walletName);
        o.put("status", status);
        ArrayNode d = o.putArray("destinations");
        s.destinations().forEach(d::add);
        o.put("current_phase", s.currentStep());
        ArrayNode phases = o.putArray("phases");
        for (int i = 0; i < s.steps().size(); i++) {
            phases.add(phase(i, s.step(i)));
        }
        o.put("created_at", s.created().toString());
        o.put("updated_at", updated.toString());
        o.putNull("error");
        s.steps().stream().flatMap(x -> x.lastError().stream()).reduce((a, b) -> b).ifPresent(e -> o.put("error", e));
        o.put("stale", false);
        return o;
    }

    private static ObjectNode phase(int index, StepState st) {
        ScheduleEntry e = st.entry();
        ObjectNode p = WalletViews.JSON.createObjectNode();
        p.put("kind", "taker_coinjoin");
        p.put("index", index);
        p.put("status", switch (st.status()) {
            case PLANNED -> "pending";
            case STARTED, SENT -> "running";
            case CONFIRMED -> "completed";
        });
        p.put("wait_seconds", e.waitMinutes() * 60);
        p.putNull("started_at");
        if (st.confirmedAt().isPresent()) {
            p.put("finished_at", st.confirmedAt().get().toString());
        } else {
            p.putNull("finished_at");
        }
        p.put("error", st.lastError().orElse(null));
        p.put("attempt_count", st.attempts());
        p.put("mixdepth", e.mixdepth());
        p.putNull("amount");
        p.putNull("amount_fraction");
        if (st.amountSats() > 0) {
            p.put("amount", st.amountSats());
        } else if (e.amount() instanceof StepAmount.Fixed f) {
            p.put("amount", f.sats());
        } else if (e.amount() instanceof StepAmount.Fraction f) {
            p.put("amount_fraction", f.value());
        } else {
            p.put("amount", 0); // a sweep (0, as in the reference schedule)
        }
        p.put("counterparty_count", e.makerCount());
        p.put("destination", e.destination());
        p.put("txid", st.txid().orElse(null));
        return p;
    }
}
