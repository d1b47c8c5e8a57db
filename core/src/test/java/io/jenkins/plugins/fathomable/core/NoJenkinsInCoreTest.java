package io.jenkins.plugins.fathomable.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine must run without Jenkins: any dependency on a Jenkins package fails the build. */
class NoJenkinsInCoreTest {

    @Test
    void coreDependsOnNoJenkinsPackage() {
        JavaClasses core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.fathomable.core");
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "hudson..", "jenkins..", "org.kohsuke.stapler..", "org.jenkinsci..", "com.cloudbees..")
                .because("core/ is the engine and must not depend on Jenkins (see docs/architecture.md)")
                .check(core);
    }
}
