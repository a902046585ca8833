package jm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's --help renders cleanly (picocli warns on stderr about bad format strings). */
class HelpTextTest {

    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        List<CommandLine> all = new ArrayList<>();
        collect(new CommandLine(new Main()), all);
        assertThat(all.size()).isGreaterThan(10);
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine cl : all) {
                assertThat(cl.getUsageMessage()).as(cl.getCommandName()).isNotBlank();
            }
        } finally {
            System.setErr(saved);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("[picocli WARN]");
    }

    /**
     * Written for a terminal 80 columns wide: every rendered line fits, every description element
     * (picocli starts a new line for each, and a parent's command list shows only the first) is a
     * whole sentence or ends a list, so nothing is cut mid-sentence and no line breaks raggedly.
     */
    @Test
    void everyHelpTextFitsEightyColumnsAndNoDescriptionIsCutMidSentence() {
        List<CommandLine> all = new ArrayList<>();
        collect(new CommandLine(new Main()), all);
        List<String> problems = new ArrayList<>();
        for (CommandLine cl : all) {
            String name = cl.getCommandSpec().qualifiedName();
            String[] lines = cl.getUsageMessage(CommandLine.Help.Ansi.OFF).split("\\R");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.length() > 80) {
                    problems.add(name + ": line of " + line.length() + " columns: " + line);
                }
                // picocli may break after a dot inside a name (".cookie", "config.toml", "~/.dir"): a line
                // ending in a dot followed by a line going on in lower case is such a ragged break
                String next = i + 1 < lines.length ? lines[i + 1].strip() : "";
                String last = line.strip().replaceAll(".*\\s", "");
                boolean commandRow = i + 1 < lines.length && lines[i + 1].matches("  [a-z][\\w-]*\\s{2,}\\S.*");
                if (last.endsWith(".") && !last.equals("e.g.") && !last.equals("i.e.") && !next.isEmpty()
                        && Character.isLowerCase(next.charAt(0)) && !commandRow) {
                    problems.add(name + ": ragged break after '" + last + "' before '" + next + "'");
                }
            }
            if (cl.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
                continue; // picocli's own text
            }
            checkElements(name + " description", cl.getCommandSpec().usageMessage().description(), problems);
            checkElements(name + " footer", cl.getCommandSpec().usageMessage().footer(), problems);
            for (CommandLine.Model.ArgSpec a : cl.getCommandSpec().args()) {
                String what = name + " " + (a instanceof CommandLine.Model.OptionSpec o ? o.longestName()
                        : a.paramLabel());
                checkElements(what, a.description(), problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    /** A description element must end a sentence (or a list/heading); blank elements are spacing. */
    static void checkElements(String what, String[] elements, List<String> problems) {
        for (String e : elements) {
            String t = e.strip();
            if (t.isEmpty()) {
                continue;
            }
            boolean ends = t.endsWith(".") || t.endsWith(":") || t.endsWith("!") || t.endsWith("?")
                    || t.endsWith(".)") || t.endsWith(".\"") ;
            boolean loneDot = t.endsWith(" .") || t.equals(".");
            boolean example = t.startsWith("jm ") || t.startsWith("./jm ") || t.startsWith("$ ")
                    || e.startsWith("  "); // indented: an example or a row of a table
            if ((!ends || loneDot) && !example) {
                problems.add(what + ": element does not end a sentence: '" + t + "'");
            }
        }
    }

    private static void collect(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        cl.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, out));
    }
}
