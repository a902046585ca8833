package jm.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import jm.core.arch.fixture.OpensFilesAndSockets;
import jm.core.arch.fixture.ReadsTheClock;
import jm.core.arch.fixture.StartsThreads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jm-core is pure computation: no sockets, files, threads, executors, wall clock, Netty, or
 * other jm modules. Checked on jm-core's production classes; each rule is also shown to fail
 * on a deliberately violating fixture class.
 */
class CoreHasNoIoTest {
    private static JavaClasses core;

    static final DescribedPredicate<JavaClass> IO_OR_NETWORK = DescribedPredicate.describe(
            "networking, file I/O, JDBC, channel or process classes", (JavaClass c) -> {
        String n = c.getName();
        return n.startsWith("java.net.") || n.startsWith("javax.net.") || n.startsWith("java.nio.file.")
                || n.startsWith("java.nio.channels.") || n.startsWith("java.sql.") || n.startsWith("java.net.http.")
                || n.startsWith("java.io.File") || n.equals("java.io.RandomAccessFile")
                || n.startsWith("com.sun.net.") || n.equals("java.lang.ProcessBuilder")
                || n.equals("java.lang.Process") || n.equals("java.lang.Runtime");
    });

    static final DescribedPredicate<JavaClass> THREADS_AND_EXECUTORS = DescribedPredicate.describe(
            "threads, executors, timers", (JavaClass c) -> {
        String n = c.getName();
        return n.equals("java.lang.Thread") || n.equals("java.lang.ThreadGroup") || n.equals("java.util.Timer")
                || n.startsWith("java.util.concurrent.Executor") || n.endsWith("ExecutorService")
                || n.equals("java.util.concurrent.ThreadPoolExecutor")
                || n.equals("java.util.concurrent.ScheduledThreadPoolExecutor")
                || n.equals("java.util.concurrent.ForkJoinPool") || n.equals("java.util.concurrent.ThreadFactory");
    });

    static final DescribedPredicate<JavaClass> CLOCK = DescribedPredicate.describe(
            "java.time.Clock", (JavaClass c) -> c.getName().equals("java.time.Clock") || c.getName().equals("java.time.InstantSource"));

    static final DescribedPredicate<JavaMethodCall> WALL_CLOCK_CALL = DescribedPredicate.describe(
            "System.currentTimeMillis/nanoTime/getenv or a java.time now()", (JavaMethodCall call) -> {
        String owner = call.getTargetOwner().getName();
        String name = call.getName();
        return owner.equals("java.lang.System") && (name.equals("currentTimeMillis") || name.equals("nanoTime")
                || name.equals("getenv"))
                || owner.startsWith("java.time.") && name.equals("now");
    });

    static final DescribedPredicate<JavaClass> OTHER_MODULES = DescribedPredicate.describe(
            "Netty, logging backends, picocli or another jm module", (JavaClass c) -> {
        String n = c.getName();
        for (String p : List.of("io.netty.", "ch.qos.logback.", "picocli.", "jm.chain.", "jm.wallet.", "jm.net.",
                "jm.directory.", "jm.maker.", "jm.taker.", "jm.cli.", "jm.orderbook.", "jm.testkit.")) {
            if (n.startsWith(p)) {
                return true;
            }
        }
        return false;
    });

    static final List<ArchRule> RULES = List.of(
            noClasses().that().resideInAPackage("jm.core..").should().dependOnClassesThat(IO_OR_NETWORK)
                    .because("jm-core does no I/O"),
            noClasses().that().resideInAPackage("jm.core..").should().dependOnClassesThat(THREADS_AND_EXECUTORS)
                    .because("jm-core runs on its caller's thread; concurrency lives in the modules that drive it"),
            noClasses().that().resideInAPackage("jm.core..").should().dependOnClassesThat(CLOCK)
                    .because("time is a parameter"),
            noClasses().that().resideInAPackage("jm.core..").should().callMethodWhere(WALL_CLOCK_CALL)
                    .because("time is a parameter"),
            noClasses().that().resideInAPackage("jm.core..").should().dependOnClassesThat(OTHER_MODULES)
                    .because("dependencies point towards jm-core, never out of it"));

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("jm.core");
    }

    @Test
    void importsTheProductionClassesOfJmCore() {
        assertThat(core.contain("jm.core.Nick")).isTrue();
        assertThat(core.contain("jm.core.crypto.BoxChannel")).isTrue();
        assertThat(core.contain("jm.core.testing.Vectors")).as("test classes are excluded").isFalse();
    }

    /** Each rule in turn: no I/O, no threads or executors, no clock type, no wall-clock call, no other module. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void coreObeys(ArchRule rule) {
        rule.check(core);
    }

    static List<ArchRule> rules() {
        return RULES;
    }

    @Test
    void rulesCatchDeliberateViolations() {
        JavaClasses bad = new ClassFileImporter().importClasses(OpensFilesAndSockets.class, StartsThreads.class,
                ReadsTheClock.class);
        assertThatThrownBy(() -> RULES.get(0).check(bad)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.nio.file.Files").hasMessageContaining("java.net.Socket")
                .hasMessageContaining("java.io.FileInputStream");
        assertThatThrownBy(() -> RULES.get(1).check(bad)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.lang.Thread").hasMessageContaining("Executors");
        assertThatThrownBy(() -> RULES.get(3).check(bad)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("currentTimeMillis").hasMessageContaining("Instant.now");
    }
}
