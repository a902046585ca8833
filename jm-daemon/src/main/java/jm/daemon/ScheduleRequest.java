package jm.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import jm.tumbler.plan.TumbleParameters;

/**
 * The body of the reference's {@code POST /wallet/{w}/taker/schedule}: {@code
 * destination_addresses} and the optional {@code tumbler_options} (the reference tumbler's
 * option names; what is not given keeps the reference default). Numbers may come as JSON numbers
 * or numeric strings. Anything malformed is a 400.
 *
 * @param restart continue the wallet's unfinished tumble instead of planning a new one
 */
record ScheduleRequest(List<String> destinations, TumbleParameters parameters, boolean restart) {
    /** Options the reference accepts that do not change our plan (file names, the source mixdepth). */
    private static final Set<String> IGNORED = Set.of("addrcount", "waittime", "mixdepthsrc", "schedulefile",
            "amtmixdepths", "order_choose_fn");

    static ScheduleRequest parse(ObjectNode body, Predicate<String> validAddress) {
        return parse(body, "destination_addresses", "tumbler_options", validAddress);
    }

    /** The same with other field names (NG's {@code POST tumbler/plan}: destinations, parameters). */
    static ScheduleRequest parse(ObjectNode body, String destinationsKey, String optionsKey,
            Predicate<String> validAddress) {
        JsonNode d = body.get(destinationsKey);
        if (d == null || !d.isArray()) {
            throw ApiException.invalidRequest();
        }
        List<String> destinations = new ArrayList<>();
        for (JsonNode a : d) {
            if (!a.isTextual() || !validAddress.test(a.asText())) {
                throw ApiException.invalidRequest();
            }
            destinations.add(a.asText());
        }
        JsonNode o = body.get(optionsKey);
        if (o == null || o.isNull()) {
            return new ScheduleRequest(destinations, TumbleParameters.defaults(), false);
        }
        if (!o.isObject()) {
            throw ApiException.invalidRequest();
        }
        try {
            return new ScheduleRequest(destinations, parameters((ObjectNode) o), o.path("restart").asBoolean(false));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "Invalid request format: " + e.getMessage());
        }
    }

    private static TumbleParameters parameters(ObjectNode o) {
        o.fieldNames().forEachRemaining(k -> {
            if (!IGNORED.contains(k) && !k.equals("restart") && !KNOWN.contains(k)) {
                throw new IllegalArgumentException("unknown tumbler option " + k);
            }
        });
        TumbleParameters p = TumbleParameters.defaults();
        List<Double> makers = numbers(o, "makercountrange", 2, List.of(p.makerCountMean(), p.makerCountSigma()));
        List<Double> txs = numbers(o, "txcountparams", 2, List.of(p.txCountMean(), p.txCountSigma()));
        List<Double> weights = numbers(o, "rounding_sigfig_weights", 5, p.roundingSigfigWeights());
        return p.withMakerCounts(makers.get(0), makers.get(1), (int) number(o, "minmakercount", p.minMakerCount()))
                .withTxCounts((int) number(o, "mixdepthcount", p.mixdepthCount()), txs.get(0), txs.get(1),
                        (int) number(o, "mintxcount", p.minTxCount()))
                .withWaits(number(o, "timelambda", p.timeLambdaMinutes()),
                        number(o, "stage1_timelambda_increase", p.stage1TimeLambdaFactor()),
                        (long) number(o, "liquiditywait", p.liquidityWaitSeconds()))
                .withAmounts((long) number(o, "mincjamount", p.minCjAmountSats()),
                        number(o, "rounding_chance", p.roundingChance()), weights);
    }

    private static final Set<String> KNOWN = Set.of("makercountrange", "minmakercount", "mixdepthcount",
            "txcountparams", "mintxcount", "timelambda", "stage1_timelambda_increase", "liquiditywait", "mincjamount",
            "rounding_chance", "rounding_sigfig_weights");

    private static double number(ObjectNode o, String key, double dflt) {
        JsonNode n = o.get(key);
        return n == null || n.isNull() ? dflt : value(n, key);
    }

    private static double value(JsonNode n, String key) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText().trim());
            } catch (NumberFormatException e) {
                // below
            }
        }
        throw new IllegalArgumentException(key + " must be a number");
    }

    private static List<Double> numbers(ObjectNode o, String key, int count, List<Double> dflt) {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isArray() || n.size() != count) {
            throw new IllegalArgumentException(key + " must be a list of " + count + " numbers");
        }
        List<Double> out = new ArrayList<>();
        n.forEach(x -> out.add(value(x, key)));
        return out;
    }
}
