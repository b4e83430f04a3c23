package org.openwec.architecture;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openwec.architecture.HexagonRules.APP_TOUCHES_DRIVEN_PORTS_ONLY_IN_ITS_WIRING;
import static org.openwec.architecture.HexagonRules.CORE_DEPENDS_ONLY_ON_THE_JDK;
import static org.openwec.architecture.HexagonRules.CORE_KNOWS_NO_LOGGING_CONFIGURATION_JSON_OR_CLI_LIBRARY;
import static org.openwec.architecture.HexagonRules.DATABASE_ACCESS_ONLY_IN_ADAPTERS;
import static org.openwec.architecture.HexagonRules.DEPENDENCY_INJECTION_ONLY_IN_APP;
import static org.openwec.architecture.HexagonRules.DRIVERS_CALL_INBOUND_PORTS_ONLY;
import static org.openwec.architecture.HexagonRules.EACH_MODULE_USES_ONLY_THE_MODULES_IT_MAY;
import static org.openwec.architecture.HexagonRules.EVERY_CLASS_BELONGS_TO_A_MODULE_AND_EVERY_MODULE_IS_IMPORTED;
import static org.openwec.architecture.HexagonRules.PACKAGES_ARE_FREE_OF_CYCLES;
import static org.openwec.architecture.HexagonRules.TOP_LEVEL_PACKAGES_ARE_FREE_OF_CYCLES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openwec.adapters.memory.fixture.MemoryIsAJakartaSingleton;
import org.openwec.adapters.memory.fixture.MemoryStandIn;
import org.openwec.adapters.memory.fixture.MemoryUsesOtherAdapters;
import org.openwec.adapters.postgres.fixture.PostgresStandIn;
import org.openwec.adapters.postgres.fixture.PostgresUsesOtherAdapters;
import org.openwec.adapters.sql.fixture.SqlPlumbingStandIn;
import org.openwec.adapters.sql.fixture.SqlPlumbingUsesBackends;
import org.openwec.adapters.sqlite.fixture.SqliteProvidesADaggerModule;
import org.openwec.adapters.sqlite.fixture.SqliteStandIn;
import org.openwec.adapters.sqlite.fixture.SqliteUsesDatabaseAccess;
import org.openwec.adapters.sqlite.fixture.SqliteUsesOtherAdapters;
import org.openwec.adapters.sqlite.fixture.SqliteUsesTheCoreOneWay;
import org.openwec.adapters.testkit.fixture.TestkitStandIn;
import org.openwec.adapters.testkit.fixture.TestkitUsesAdapters;
import org.openwec.app.cli.fixture.CommandCallsAUseCase;
import org.openwec.app.fixture.AppHoldsADrivenPort;
import org.openwec.app.fixture.AppReachesIntoTheCore;
import org.openwec.app.fixture.AppStandIn;
import org.openwec.app.fixture.AppUsesDatabaseAccess;
import org.openwec.app.fixture.AppUsesTheTestkit;
import org.openwec.app.fixture.AppWiresWithDagger;
import org.openwec.app.server.fixture.ServerHandlerBypassesTheUseCases;
import org.openwec.app.wiring.fixture.WiringOpensAStorage;
import org.openwec.core.fixture.CoreInjects;
import org.openwec.core.fixture.CoreIsACommand;
import org.openwec.core.fixture.CoreOpensAConnection;
import org.openwec.core.fixture.CoreReachesIntoTheApp;
import org.openwec.core.fixture.CoreStandIn;
import org.openwec.core.fixture.CoreUsesFrameworks;
import org.openwec.core.fixture.CoreUsesLibraries;
import org.openwec.core.fixture.CoreUsesOtherModules;
import org.openwec.core.fixture.oneway.OneWay;
import org.openwec.core.model.EventsBatch;
import org.openwec.core.port.in.ManageSubscriptions;
import org.openwec.core.port.in.RecordEventsBatch;
import org.openwec.core.port.out.BookmarkPort;
import org.openwec.core.port.out.Storage;
import org.openwec.core.port.out.StorageOpener;
import org.openwec.core.port.out.SubscriptionPort;
import org.openwec.core.service.SubscriptionService;
import org.openwec.core.fixture.ping.Ping;
import org.openwec.core.fixture.pong.Pong;
import org.openwec.stray.Stray;
import org.sqlite.SQLiteDataSource;

/**
 * Shows that every rule of {@link HexagonRules} fails on a deliberate violation, names it, and lets
 * the allowed uses next to it pass. The violations are test classes under {@code org.openwec.**.fixture}
 * and are imported here one by one; the production import of {@link HexagonRulesTest} leaves them out.
 */
class RulesCatchViolationsTest {

    /** The field of {@link HexagonRules} a test proves. */
    @Retention(RUNTIME)
    @Target(METHOD)
    @interface Proves {
        String value();
    }

    @Test
    @Proves("CORE_DEPENDS_ONLY_ON_THE_JDK")
    void coreUsingALibraryOrAnotherModuleIsCaught() {
        evaluate(CORE_DEPENDS_ONLY_ON_THE_JDK, CoreUsesLibraries.class, CoreUsesOtherModules.class)
                .reports(CoreUsesLibraries.class, ObjectMapper.class)
                .reports(CoreUsesLibraries.class, DataSource.class)
                .reports(CoreUsesLibraries.class, Jdbi.class)
                .reports(CoreUsesOtherModules.class, SqliteStandIn.class)
                .reports(CoreUsesOtherModules.class, AppStandIn.class)
                .doesNotReport(CoreUsesLibraries.class, List.class)
                .doesNotReport(CoreUsesLibraries.class, Duration.class)
                .doesNotReport(CoreStandIn.class);
    }

    @Test
    @Proves("CORE_KNOWS_NO_LOGGING_CONFIGURATION_JSON_OR_CLI_LIBRARY")
    void coreUsingLoggingTomlJsonOrPicocliIsCaught() {
        evaluate(CORE_KNOWS_NO_LOGGING_CONFIGURATION_JSON_OR_CLI_LIBRARY,
                CoreUsesFrameworks.class, CoreIsACommand.class, CoreStandIn.class)
                .reports(CoreUsesFrameworks.class, org.slf4j.Logger.class)
                .reports(CoreUsesFrameworks.class, org.slf4j.LoggerFactory.class)
                .reports(CoreUsesFrameworks.class, ch.qos.logback.classic.Logger.class)
                .reports(CoreUsesFrameworks.class, java.util.logging.Logger.class)
                .reports(CoreUsesFrameworks.class, org.tomlj.TomlTable.class)
                .reports(CoreUsesFrameworks.class, JsonNode.class)
                .reports(CoreIsACommand.class, picocli.CommandLine.Command.class)
                .doesNotReport(CoreUsesFrameworks.class, List.class)
                .doesNotReport(CoreStandIn.class);
    }

    @Test
    @Proves("EACH_MODULE_USES_ONLY_THE_MODULES_IT_MAY")
    void aModuleUsingAModuleItMayNotIsCaught() {
        evaluate(EACH_MODULE_USES_ONLY_THE_MODULES_IT_MAY,
                CoreUsesOtherModules.class, SqlPlumbingUsesBackends.class, MemoryUsesOtherAdapters.class,
                SqliteUsesOtherAdapters.class, PostgresUsesOtherAdapters.class, TestkitUsesAdapters.class,
                AppUsesTheTestkit.class)
                .reports(CoreUsesOtherModules.class, SqliteStandIn.class)
                .reports(CoreUsesOtherModules.class, AppStandIn.class)
                .reports(SqlPlumbingUsesBackends.class, MemoryStandIn.class)
                .reports(SqlPlumbingUsesBackends.class, SqliteStandIn.class)
                .reports(SqlPlumbingUsesBackends.class, PostgresStandIn.class)
                .reports(SqlPlumbingUsesBackends.class, AppStandIn.class)
                .reports(MemoryUsesOtherAdapters.class, SqlPlumbingStandIn.class)
                .reports(MemoryUsesOtherAdapters.class, SqliteStandIn.class)
                .reports(MemoryUsesOtherAdapters.class, PostgresStandIn.class)
                .reports(MemoryUsesOtherAdapters.class, TestkitStandIn.class)
                .reports(MemoryUsesOtherAdapters.class, AppStandIn.class)
                .reports(SqliteUsesOtherAdapters.class, MemoryStandIn.class)
                .reports(SqliteUsesOtherAdapters.class, PostgresStandIn.class)
                .reports(SqliteUsesOtherAdapters.class, AppStandIn.class)
                .reports(PostgresUsesOtherAdapters.class, MemoryStandIn.class)
                .reports(PostgresUsesOtherAdapters.class, SqliteStandIn.class)
                .reports(PostgresUsesOtherAdapters.class, AppStandIn.class)
                .reports(TestkitUsesAdapters.class, SqlPlumbingStandIn.class)
                .reports(TestkitUsesAdapters.class, MemoryStandIn.class)
                .reports(TestkitUsesAdapters.class, SqliteStandIn.class)
                .reports(TestkitUsesAdapters.class, AppStandIn.class)
                .reports(AppUsesTheTestkit.class, TestkitStandIn.class)
                // what the picture allows
                .doesNotReport(CoreStandIn.class)
                .doesNotReport(SqliteUsesOtherAdapters.class, SqlPlumbingStandIn.class)
                .doesNotReport(PostgresUsesOtherAdapters.class, SqlPlumbingStandIn.class)
                .doesNotReport(AppUsesTheTestkit.class, SqlPlumbingStandIn.class)
                .doesNotReport(AppUsesTheTestkit.class, MemoryStandIn.class)
                .doesNotReport(AppUsesTheTestkit.class, SqliteStandIn.class)
                .doesNotReport(AppUsesTheTestkit.class, PostgresStandIn.class);
    }

    @Test
    @Proves("DATABASE_ACCESS_ONLY_IN_ADAPTERS")
    void jdbcOrJdbiOutsideTheAdaptersIsCaught() {
        evaluate(DATABASE_ACCESS_ONLY_IN_ADAPTERS,
                CoreOpensAConnection.class, AppUsesDatabaseAccess.class, SqliteUsesDatabaseAccess.class)
                .reports(CoreOpensAConnection.class, Connection.class)
                .reports(CoreOpensAConnection.class, java.sql.SQLException.class)
                .reports(AppUsesDatabaseAccess.class, Jdbi.class)
                .reports(AppUsesDatabaseAccess.class, DataSource.class)
                .reports(AppUsesDatabaseAccess.class, SQLiteDataSource.class)
                .reports(AppUsesDatabaseAccess.class, HikariDataSource.class)
                .doesNotReport(SqliteUsesDatabaseAccess.class);
    }

    @Test
    @Proves("DEPENDENCY_INJECTION_ONLY_IN_APP")
    void daggerOrInjectOutsideTheAppIsCaught() {
        evaluate(DEPENDENCY_INJECTION_ONLY_IN_APP,
                CoreInjects.class, SqliteProvidesADaggerModule.class, MemoryIsAJakartaSingleton.class,
                AppWiresWithDagger.class)
                .reports(CoreInjects.class, javax.inject.Inject.class)
                .reports(SqliteProvidesADaggerModule.class, dagger.Module.class)
                .reports(SqliteProvidesADaggerModule.class, dagger.Provides.class)
                .reports(MemoryIsAJakartaSingleton.class, jakarta.inject.Singleton.class)
                .doesNotReport(AppWiresWithDagger.class);
    }

    @Test
    @Proves("APP_TOUCHES_DRIVEN_PORTS_ONLY_IN_ITS_WIRING")
    void aDrivenPortOutsideTheWiringIsCaught() {
        evaluate(APP_TOUCHES_DRIVEN_PORTS_ONLY_IN_ITS_WIRING,
                AppHoldsADrivenPort.class, ServerHandlerBypassesTheUseCases.class, WiringOpensAStorage.class,
                CommandCallsAUseCase.class)
                .reports(AppHoldsADrivenPort.class, SubscriptionPort.class)
                .reports(AppHoldsADrivenPort.class, Storage.class)
                .reports(ServerHandlerBypassesTheUseCases.class, BookmarkPort.class)
                .doesNotReport(AppHoldsADrivenPort.class, ManageSubscriptions.class)
                .doesNotReport(WiringOpensAStorage.class)
                .doesNotReport(CommandCallsAUseCase.class);
    }

    @Test
    @Proves("DRIVERS_CALL_INBOUND_PORTS_ONLY")
    void aDriverBypassingTheInboundPortsIsCaught() {
        evaluate(DRIVERS_CALL_INBOUND_PORTS_ONLY,
                ServerHandlerBypassesTheUseCases.class, CommandCallsAUseCase.class, WiringOpensAStorage.class)
                .reports(ServerHandlerBypassesTheUseCases.class, SubscriptionService.class)
                .reports(ServerHandlerBypassesTheUseCases.class, BookmarkPort.class)
                .reports(ServerHandlerBypassesTheUseCases.class, SqliteStandIn.class)
                .doesNotReport(ServerHandlerBypassesTheUseCases.class, RecordEventsBatch.class)
                .doesNotReport(ServerHandlerBypassesTheUseCases.class, EventsBatch.class)
                .doesNotReport(CommandCallsAUseCase.class)
                // the wiring is no driver: it builds services on ports
                .doesNotReport(WiringOpensAStorage.class, StorageOpener.class);
    }

    @Test
    @Proves("TOP_LEVEL_PACKAGES_ARE_FREE_OF_CYCLES")
    void aCycleBetweenCoreAndAppIsCaught() {
        evaluate(TOP_LEVEL_PACKAGES_ARE_FREE_OF_CYCLES,
                CoreReachesIntoTheApp.class, AppReachesIntoTheCore.class, SqliteUsesTheCoreOneWay.class,
                CoreStandIn.class, Ping.class, Pong.class)
                .reports(CoreReachesIntoTheApp.class, AppReachesIntoTheCore.class)
                .doesNotReport(SqliteUsesTheCoreOneWay.class)
                // a cycle inside the core is not this rule's business but the next one's
                .doesNotReport(Ping.class, Pong.class);
    }

    @Test
    @Proves("PACKAGES_ARE_FREE_OF_CYCLES")
    void aCycleBetweenTwoPackagesOfTheCoreIsCaught() {
        evaluate(PACKAGES_ARE_FREE_OF_CYCLES, Ping.class, Pong.class, OneWay.class, CoreStandIn.class)
                .reports(Ping.class, Pong.class)
                .doesNotReport(OneWay.class);
    }

    @Test
    @Proves("EVERY_CLASS_BELONGS_TO_A_MODULE_AND_EVERY_MODULE_IS_IMPORTED")
    void aClassOutsideTheModulesIsCaught() {
        JavaClasses productionAndAStray = new ClassFileImporter()
                .withImportOption(location -> new ImportOption.DoNotIncludeTests().includes(location)
                        || location.contains("/org/openwec/stray/"))
                .importPackages(ProductionClasses.ROOT_PACKAGE);

        evaluate(EVERY_CLASS_BELONGS_TO_A_MODULE_AND_EVERY_MODULE_IS_IMPORTED, productionAndAStray)
                .reports(Stray.class, "belongs to no module")
                .doesNotReport("was imported");
    }

    @Test
    @Proves("EVERY_CLASS_BELONGS_TO_A_MODULE_AND_EVERY_MODULE_IS_IMPORTED")
    void aModuleMissingFromTheClasspathIsCaught() {
        JavaClasses coreOnly = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("org.openwec.core");

        evaluate(EVERY_CLASS_BELONGS_TO_A_MODULE_AND_EVERY_MODULE_IS_IMPORTED, coreOnly)
                .reports("no class of the app (org.openwec.app..) was imported")
                .reports("no class of the SQLite adapter")
                .reports("no class of the in-memory adapter")
                .reports("no class of the shared SQL plumbing")
                .reports("no class of the adapter contract test kit")
                .doesNotReport("no class of the core")
                .reports("no class of the PostgreSQL adapter");
    }

    /** The buckpal trap: a rule about classes that were never imported must fail, not pass. */
    @TestFactory
    Stream<DynamicTest> everyRuleFailsWhenItSelectsNoClass() {
        JavaClasses nothing = new ClassFileImporter().importClasses();
        JavaClasses nothingOfOurs = new ClassFileImporter().importClasses(String.class, List.class);
        return NamedRule.everyRule().flatMap(named -> Stream.of(
                DynamicTest.dynamicTest(named.name() + " on no class",
                        () -> Verdict.of(named.rule(), nothing).failsForSelectingNothing()),
                DynamicTest.dynamicTest(named.name() + " on JDK classes only",
                        () -> Verdict.of(named.rule(), nothingOfOurs).failsForSelectingNothing())));
    }

    @Test
    void everyRuleIsProvenHere() {
        List<String> proven = Stream.of(getClass().getDeclaredMethods())
                .map(method -> method.getAnnotation(Proves.class))
                .filter(Objects::nonNull)
                .map(Proves::value)
                .distinct()
                .toList();
        assertThat(proven).containsExactlyInAnyOrderElementsOf(NamedRule.everyRule().map(NamedRule::name).toList());
    }

    private static Verdict evaluate(ArchRule rule, Class<?>... fixtures) {
        return evaluate(rule, new ClassFileImporter().importClasses(fixtures));
    }

    private static Verdict evaluate(ArchRule rule, JavaClasses classes) {
        return Verdict.of(rule, classes);
    }
}
