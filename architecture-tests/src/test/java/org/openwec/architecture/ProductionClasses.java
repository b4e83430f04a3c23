package org.openwec.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The production classes of every module, imported once. The modules reach this test as jars (from
 * ~/.m2) or as target/classes (in a reactor build); both are imported. Test classes are left out,
 * among them the deliberate violations under {@code org.openwec.**.fixture}.
 */
final class ProductionClasses {

    static final String ROOT_PACKAGE = "org.openwec";

    private static final class Holder {
        static final JavaClasses CLASSES = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT_PACKAGE);
    }

    static JavaClasses get() {
        return Holder.CLASSES;
    }

    private ProductionClasses() {}
}
