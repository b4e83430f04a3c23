package org.openwec.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openwec.core.fixture.CoreStandIn;

/** Checks the production code against every rule of {@link HexagonRules}. */
class HexagonRulesTest {

    private final JavaClasses production = ProductionClasses.get();

    @TestFactory
    Stream<DynamicTest> productionCodeFollowsEveryRule() {
        return NamedRule.everyRule().map(named ->
                DynamicTest.dynamicTest(named.name(), () -> named.rule().check(production)));
    }

    @Test
    void importsProductionClassesOnly() {
        assertThat(production.contain(CoreStandIn.class))
                .as("fixtures (test classes) must not be part of the production import")
                .isFalse();
        assertThat(production.stream().map(JavaClass::getPackageName))
                .allMatch(name -> name.startsWith(ProductionClasses.ROOT_PACKAGE + ".")
                        || name.equals(ProductionClasses.ROOT_PACKAGE));
    }
}
