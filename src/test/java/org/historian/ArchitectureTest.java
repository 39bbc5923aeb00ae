package org.historian;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture of the README and ARCHITECTURE.md, checked on the compiled classes: a leak
 * between packages fails the build. No rule lists exceptions.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.historian");
        // The rules below mean nothing over an empty import (a changed package name, a wrong class path).
        org.assertj.core.api.Assertions.assertThat(classes.stream().filter(type -> type.getPackageName().startsWith("org.historian.ui")))
                .hasSizeGreaterThan(50);
        org.assertj.core.api.Assertions.assertThat(classes.stream().filter(type -> type.getPackageName().equals("org.historian.app")))
                .hasSizeGreaterThan(30);
    }

    @Test
    void dependenciesPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("app").definedBy("org.historian.app..")
                .layer("ui").definedBy("org.historian.ui..")
                .layer("service").definedBy("org.historian.service..")
                .layer("archive").definedBy("org.historian.archive..")
                .layer("torrent").definedBy("org.historian.torrent..")
                .layer("store").definedBy("org.historian.store..")
                .layer("waku").definedBy("org.historian.waku..")
                .layer("model").definedBy("org.historian.model..")
                .layer("proto").definedBy("org.historian.proto..")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("ui").mayOnlyBeAccessedByLayers("app")
                .whereLayer("service").mayOnlyBeAccessedByLayers("app", "ui")
                .whereLayer("archive").mayOnlyBeAccessedByLayers("app", "service")
                .whereLayer("torrent").mayOnlyBeAccessedByLayers("app", "service")
                .whereLayer("store").mayOnlyBeAccessedByLayers("app", "service")
                .whereLayer("waku").mayOnlyBeAccessedByLayers("app", "service")
                .whereLayer("model").mayOnlyBeAccessedByLayers("app", "ui", "service", "archive", "torrent", "store", "waku")
                // The generated wire schema: model and the two packages that read and write wire bytes.
                .whereLayer("proto").mayOnlyBeAccessedByLayers("model", "archive", "waku")
                .check(classes);
    }

    @Test
    void onlyTheCompositionRootWiresTheLowerPackages() {
        DescribedPredicate<JavaClass> compositionRoot = DescribedPredicate.describe("the composition root Historian",
                type -> type.getName().equals("org.historian.app.Historian")
                        || type.getName().startsWith("org.historian.app.Historian$"));
        noClasses().that().resideInAPackage("org.historian.app..").and(DescribedPredicate.not(compositionRoot))
                .should().dependOnClassesThat().resideInAnyPackage("org.historian.archive..", "org.historian.torrent..",
                        "org.historian.store..", "org.historian.waku..", "org.historian.proto..")
                .because("commands parse, call the service and print; only Historian wires the packages together")
                .check(classes);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("org.historian.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void btAndGuiceStayInTorrent() {
        noClasses().that().resideOutsideOfPackage("org.historian.torrent..")
                .should().dependOnClassesThat().resideInAnyPackage("bt..", "com.google.inject..")
                .check(classes);
    }

    @Test
    void javaFxStaysInUiAndApp() {
        noClasses().that().resideOutsideOfPackages("org.historian.ui..", "org.historian.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.controlsfx..")
                .check(classes);
    }
}
