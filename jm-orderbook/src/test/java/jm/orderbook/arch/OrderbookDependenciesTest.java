package jm.orderbook.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jm-orderbook reads the market like a taker and serves it: it never reaches into the maker,
 * directory, wallet, demo or CLI; the web package renders snapshots and never touches the
 * network or the chain; the watch package knows nothing of the web.
 */
class OrderbookDependenciesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("jm.orderbook");
    }

    @Test
    void theWatcherUsesNoMakerDirectoryWalletDemoOrCliCode() {
        noClasses().that().resideInAPackage("jm.orderbook..").should().dependOnClassesThat()
                .resideInAnyPackage("jm.maker..", "jm.directory..", "jm.wallet..", "jm.demo..", "jm.cli..",
                        "ch.qos.logback..", "picocli..")
                .check(classes);
    }

    @Test
    void theWebSideRendersSnapshotsWithoutNetworkOrChainAccess() {
        noClasses().that().resideInAPackage("jm.orderbook.web..").should().dependOnClassesThat()
                .resideInAnyPackage("jm.net..", "jm.chain..", "io.netty..")
                .check(classes);
    }

    @Test
    void theWatchSideKnowsNothingOfTheWeb() {
        noClasses().that().resideInAPackage("jm.orderbook.watch..").should().dependOnClassesThat()
                .resideInAnyPackage("jm.orderbook.web..", "jm.orderbook.app..", "com.sun.net.httpserver..")
                .check(classes);
    }
}
