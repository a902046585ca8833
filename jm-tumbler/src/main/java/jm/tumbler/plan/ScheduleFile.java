package jm.tumbler.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The reference tumbler's schedule file ({@code TUMBLE.schedule}, also {@code sendpayment -S}):
 * one CoinJoin per line, {@code mixdepth,amount,makercount,destination,wait,rounding,completed},
 * lines starting with {@code #} ignored.
 *
 * <ul>
 * <li>amount: {@code 0} sweeps; a number with a decimal point is a fraction of the mixdepth's
 *     balance; a whole number is satoshis;</li>
 * <li>destination: an address, {@code INTERNAL} (the next mixdepth) or {@code addrask} (an
 *     address the user gives when starting);</li>
 * <li>wait: minutes after this CoinJoin confirms; rounding: significant figures, 16 for none;</li>
 * <li>completed: {@code 0} not done, {@code 1} done, or the 64-hex txid of a CoinJoin broadcast
 *     but not yet seen confirmed.</li>
 * </ul>
 */
public final class ScheduleFile {
    /** The destination the reference asks the user for when the tumble starts. */
    public static final String ADDRASK = "addrask";

    /** How far a reference schedule line had got. */
    public enum Completion { PENDING, DONE, BROADCAST }

    /** A parsed line: the CoinJoin and how far it had got ({@code txid} for BROADCAST). */
    public record Line(ScheduleEntry entry, Completion completion, Optional<String> txid) {
    }

    private ScheduleFile() {
    }

    /**
     * Parses a schedule file.
     *
     * @param addressCheck returns an error for an address that is not valid on our network
     * @throws PlanException naming the line and the field for anything malformed
     */
    public static List<Line> read(Path file, Function<String, Optional<String>> addressCheck) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), addressCheck);
    }

    public static List<Line> parse(String text, Function<String, Optional<String>> addressCheck) {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String l = raw[i];
            if (l.startsWith("#") || l.isBlank()) {
                continue;
            }
            lines.add(parseLine(l, i + 1, addressCheck));
        }
        if (lines.isEmpty()) {
            throw new PlanException("the schedule file has no CoinJoin lines");
        }
        return List.copyOf(lines);
    }

    private static Line parseLine(String l, int n, Function<String, Optional<String>> addressCheck) {
        String[] f = l.split(",", -1);
        if (f.length != 7) {
            throw new PlanException("schedule line " + n + ": expected 7 comma-separated fields (mixdepth, amount, "
                    + "makers, destination, wait, rounding, completed), found " + f.length + ": " + l.strip());
        }
        int mixdepth = integer(f[0], n, "mixdepth");
        StepAmount amount = amount(f[1].strip(), n);
        int makers = integer(f[2], n, "maker count");
        String dest = f[3].strip();
        double wait;
        try {
            wait = Double.parseDouble(f[4].strip());
        } catch (NumberFormatException e) {
            throw new PlanException("schedule line " + n + ": wait '" + f[4].strip() + "' is not a number of minutes");
        }
        int rounding = integer(f[5], n, "rounding");
        String completed = f[6].strip();
        Completion completion;
        Optional<String> txid = Optional.empty();
        if (completed.length() == 64 && HexFormat.isHexDigit(completed.charAt(0))
                && completed.chars().allMatch(HexFormat::isHexDigit)) {
            completion = Completion.BROADCAST;
            txid = Optional.of(completed.toLowerCase(java.util.Locale.ROOT));
        } else if (completed.equals("0")) {
            completion = Completion.PENDING;
        } else if (completed.equals("1")) {
            completion = Completion.DONE;
        } else {
            throw new PlanException("schedule line " + n + ": completed '" + completed + "' is not 0, 1 or a txid");
        }
        if (!dest.equals(ScheduleEntry.INTERNAL) && !dest.equals(ADDRASK)) {
            Optional<String> problem = addressCheck.apply(dest);
            if (problem.isPresent()) {
                throw new PlanException("schedule line " + n + ": invalid address " + dest + ": " + problem.get());
            }
        }
        try {
            return new Line(new ScheduleEntry(mixdepth, amount, makers, dest, wait, rounding), completion, txid);
        } catch (IllegalArgumentException e) {
            throw new PlanException("schedule line " + n + ": " + e.getMessage());
        }
    }

    private static StepAmount amount(String s, int n) {
        try {
            if (s.contains(".") || s.contains("e") || s.contains("E")) {
                double d = Double.parseDouble(s);
                if (d == 0) {
                    return StepAmount.SWEEP;
                }
                return new StepAmount.Fraction(d);
            }
            long v = Long.parseLong(s);
            return v == 0 ? StepAmount.SWEEP : new StepAmount.Fixed(v);
        } catch (IllegalArgumentException e) {
            throw new PlanException("schedule line " + n + ": amount '" + s + "' is not 0 (sweep), a fraction in "
                    + "(0, 1] or a positive number of satoshis");
        }
    }

    private static int integer(String s, int n, String field) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new PlanException("schedule line " + n + ": " + field + " '" + s.strip() + "' is not a whole number");
        }
    }

    /** The reference text of a plan (every line {@code completed} as given). */
    public static String format(List<ScheduleEntry> entries, Function<Integer, String> completed) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < entries.size(); i++) {
            ScheduleEntry e = entries.get(i);
            b.append(e.mixdepth()).append(',').append(e.amount().toScheduleText()).append(',').append(e.makerCount())
                    .append(',').append(e.destination()).append(',').append(e.waitMinutes()).append(',')
                    .append(e.rounding()).append(',').append(completed.apply(i)).append('\n');
        }
        return b.toString();
    }
}
