package jm.wallet.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The wallet's packages depend on each other without cycles (the facade above its parts). */
class WalletPackagesTest {
    private static final JavaClasses WALLET = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("jm.wallet");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("jm.wallet.(*)..").should().beFreeOfCycles().check(WALLET);
    }

    @Test
    void theRootPackageIsUsedByNoSubpackage() {
        noClasses().that().resideOutsideOfPackage("jm.wallet")
                .should().dependOnClassesThat().resideInAPackage("jm.wallet").check(WALLET);
    }
}
