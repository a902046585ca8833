package jm.cli.common;

import java.util.Objects;
import picocli.CommandLine;

/**
 * Creates every command and mixin of one {@code jm} invocation and hands the invocation's
 * {@link CliContext} to those that take it ({@link ContextAware}).
 */
public final class CliFactory implements CommandLine.IFactory {
    private final CliContext context;

    public CliFactory(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        K made = CommandLine.defaultFactory().create(cls);
        if (made instanceof ContextAware aware) {
            aware.useContext(context);
        }
        return made;
    }

    /** A command or mixin that reads its environment, input or stop signal from the invocation. */
    public interface ContextAware {
        void useContext(CliContext context);
    }
}
