package jm.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jm.core.ProtocolException;
import jm.core.ProtocolException.Reason;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DynamicTest;

/**
 * Tables of inputs a parser must reject, kept as test resources: one case per line,
 * {@code REASON FIELD INPUT}, where INPUT is the rest of the line verbatim ({@code <empty>} for
 * the empty string) and {@code ${name}} stands for a value the test supplies. Lines starting with
 * {@code #} and blank lines are skipped.
 */
public final class RejectTable {
    private RejectTable() {
    }

    /** One input with the typed error it must produce. */
    public record Case(Reason reason, String field, String input) {
        @Override
        public String toString() {
            String shown = input.length() > 70 ? input.substring(0, 70) + "..." : input;
            return reason + " " + field + " <- " + shown;
        }
    }

    /** The cases of {@code resource} (next to {@code owner}'s package), with {@code ${name}} replaced. */
    public static Stream<Case> load(Class<?> owner, String resource, Map<String, String> vars) {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource + " beside " + owner.getName());
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ", 3);
                String input = parts.length < 3 || parts[2].equals("<empty>") ? "" : parts[2];
                for (Map.Entry<String, String> v : vars.entrySet()) {
                    input = input.replace("${" + v.getKey() + "}", v.getValue());
                }
                cases.add(new Case(Reason.valueOf(parts[0]), parts[1], input));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases.stream();
    }

    public static Stream<Case> load(Class<?> owner, String resource) {
        return load(owner, resource, Map.of());
    }

    /**
     * Cases written as edits of a valid {@code base}: INPUT is {@code FROM => TO} ({@code <empty>}
     * for an empty TO), and the case's input is {@code base} with FROM replaced by TO.
     */
    public static Stream<Case> loadEdits(Class<?> owner, String resource, String base, Map<String, String> vars) {
        return load(owner, resource, vars).map(c -> {
            int arrow = c.input().indexOf(" => ");
            if (arrow < 0) {
                throw new IllegalStateException(resource + ": not FROM => TO: " + c.input());
            }
            String from = c.input().substring(0, arrow);
            String to = c.input().substring(arrow + 4);
            if (!base.contains(from)) {
                throw new IllegalStateException(resource + ": the base has no '" + from + "'");
            }
            return new Case(c.reason(), c.field(), base.replace(from, to.equals("<empty>") ? "" : to));
        });
    }

    /** A parser under test: anything that takes the input text. */
    @FunctionalInterface
    public interface Parser {
        void parse(String input) throws Exception;
    }

    /** One dynamic test per case: {@code parser} rejects its input with the case's reason and field. */
    public static Stream<DynamicTest> tests(Stream<Case> cases, Parser parser) {
        return cases.map(c -> DynamicTest.dynamicTest(c.toString(),
                () -> assertRejected(() -> parser.parse(c.input()), c.reason(), c.field())));
    }

    /** {@code parse} throws a {@link ProtocolException} with this reason, naming this field. */
    public static void assertRejected(ThrowingCallable parse, Reason reason, String field) {
        assertThatThrownBy(parse).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
        });
    }
}
