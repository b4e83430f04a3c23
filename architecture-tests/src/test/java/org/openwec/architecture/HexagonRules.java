package org.openwec.architecture;

import static com.tngtech.archunit.lang.SimpleConditionEvent.violated;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.openwec.architecture.Hexagon.ADAPTERS;
import static org.openwec.architecture.Hexagon.DATABASE_ACCESS;
import static org.openwec.architecture.Hexagon.DEPENDENCY_INJECTION;
import static org.openwec.architecture.Hexagon.DRIVEN_PORTS;
import static org.openwec.architecture.Hexagon.DRIVERS;
import static org.openwec.architecture.Hexagon.JDK;
import static org.openwec.architecture.Hexagon.LOGGING_CONFIGURATION_JSON_AND_CLI;
import static org.openwec.architecture.Hexagon.OPENWEC;
import static org.openwec.architecture.Hexagon.SERVICES;
import static org.openwec.architecture.Hexagon.WIRING;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.openwec.architecture.Hexagon.Module;
import org.openwec.architecture.Hexagon.Presence;

/**
 * The rules of the {@link Hexagon}. Every rule fails when it selects no class at all (ArchUnit's
 * default, never switched off here), and {@code RulesCatchViolationsTest} shows each one failing on a
 * deliberate violation. {@code HexagonRulesTest} checks every public rule here against the production
 * classes, so a new rule is checked as soon as it is added.
 */
public final class HexagonRules {

    private static final String CORE = Module.CORE.packageIdentifier;
    private static final String APP = Module.APP.packageIdentifier;

    /**
     * The core uses the JDK and itself, nothing else: it must stay a plain library that any backend
     * and any program can use without dragging in a framework.
     */
    public static final ArchRule CORE_DEPENDS_ONLY_ON_THE_JDK =
            classes().that().resideInAPackage(CORE)
                    .should().onlyDependOnClassesThat().resideInAnyPackage(concat(JDK, CORE))
                    .because("the core is pure Java: the domain, the ports and the use cases, nothing else");

    /**
     * Said again by name for the libraries most likely to creep in (and for the JDK's own logging, which
     * the rule above allows): how the program logs, reads its configuration, stores JSON and parses its
     * command line is the business of the app and the adapters. The core reports through return values
     * and exceptions.
     */
    public static final ArchRule CORE_KNOWS_NO_LOGGING_CONFIGURATION_JSON_OR_CLI_LIBRARY =
            noClasses().that().resideInAPackage(CORE)
                    .should().dependOnClassesThat().resideInAnyPackage(LOGGING_CONFIGURATION_JSON_AND_CLI)
                    .because("logging, TOML, JSON and the command line are decided outside the core");

    /**
     * Each module uses only the modules {@link Module} lets it use: no adapter uses the app or another
     * backend's adapter, the shared SQL plumbing uses no backend, the test kit uses only the core, the
     * app does not ship the test kit. A backend that leaned on another could not be built, tested or
     * dropped on its own.
     */
    public static final ArchRule EACH_MODULE_USES_ONLY_THE_MODULES_IT_MAY =
            classes().that().resideInAPackage(OPENWEC)
                    .should(useOnlyTheModulesTheirModuleMayUse())
                    .because("adapters are interchangeable only while they know nothing of each other or of the app");

    /**
     * JDBC, Jdbi, the drivers and the pool appear only in adapters: the core talks to storage through
     * its ports, and the app only chooses and wires an adapter.
     */
    public static final ArchRule DATABASE_ACCESS_ONLY_IN_ADAPTERS =
            noClasses().that().resideInAPackage(OPENWEC).and().resideOutsideOfPackage(ADAPTERS)
                    .should().dependOnClassesThat().resideInAnyPackage(DATABASE_ACCESS)
                    .because("only an adapter knows there is a database behind a port");

    /**
     * Dagger and the inject annotations appear only in the app: the core and the adapters are plain
     * constructors, usable from tests and from any other wiring.
     */
    public static final ArchRule DEPENDENCY_INJECTION_ONLY_IN_APP =
            noClasses().that().resideInAPackage(OPENWEC).and().resideOutsideOfPackage(APP)
                    .should().dependOnClassesThat().resideInAnyPackage(DEPENDENCY_INJECTION)
                    .because("wiring is the app's job; everything else is built with plain constructors");

    /**
     * Nothing in the app but its wiring touches a driven port ({@code core.port.out}: the storage, its ports,
     * the backup): the wiring opens the database and builds the use cases on it, and everything else in the app
     * (commands, configuration, formats) works with use cases and domain values. A command that reached a port
     * would bypass the rules the use cases hold (read-only mode, enabling needs an output, ...).
     */
    public static final ArchRule APP_TOUCHES_DRIVEN_PORTS_ONLY_IN_ITS_WIRING =
            noClasses().that().resideInAPackage(APP).and().resideOutsideOfPackage(WIRING)
                    .should().dependOnClassesThat().resideInAPackage(DRIVEN_PORTS)
                    .because("only the wiring opens databases; the app's drivers hold use cases");

    /**
     * The drivers (the command line, and the collector server to come under {@code app..server..}) call the
     * core through its inbound ports only: never a service, a driven port or an adapter, so that a rule written
     * once in the core holds for every driver.
     */
    public static final ArchRule DRIVERS_CALL_INBOUND_PORTS_ONLY =
            noClasses().that().resideInAnyPackage(DRIVERS)
                    .should().dependOnClassesThat().resideInAnyPackage(SERVICES, DRIVEN_PORTS, ADAPTERS)
                    .because("two drivers, one core: each rule lives behind an inbound port, once");

    /**
     * No cycle between core, adapters and app, not even one that Maven's module graph would allow
     * because it runs through two different adapter modules (one adapter using the app, which uses
     * another adapter).
     */
    public static final ArchRule TOP_LEVEL_PACKAGES_ARE_FREE_OF_CYCLES =
            slices().matching("org.openwec.(*)..").namingSlices("$1")
                    .should().beFreeOfCycles()
                    .because("core, adapters and app are layers: uses go one way");

    /**
     * No cycle between any two packages (every package is a slice of its own, sub-packages included):
     * a package cycle inside a module means the two packages are one and should be read, changed and
     * tested as one, or that a type sits in the wrong package.
     */
    public static final ArchRule PACKAGES_ARE_FREE_OF_CYCLES =
            slices().matching("org.openwec.(**)").namingSlices("$1")
                    .should().beFreeOfCycles()
                    .because("each package should be understandable from the packages below it");

    /**
     * Every class of ours belongs to a module of the picture, and every module the picture expects has
     * classes. Without this a rule about a module whose jar is missing from the classpath would pass
     * on zero classes, as a rule of buckpal's DependencyRuleTests does.
     */
    public static final ArchRule EVERY_CLASS_BELONGS_TO_A_MODULE_AND_EVERY_MODULE_IS_IMPORTED =
            classes().that().resideInAPackage(OPENWEC)
                    .should(belongToAModuleAndLeaveNoExpectedModuleEmpty())
                    .because("a rule must never pass because the classes it is about were not imported");

    private HexagonRules() {}

    private static ArchCondition<JavaClass> useOnlyTheModulesTheirModuleMayUse() {
        return new ArchCondition<>("only use the modules their module may use") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Module from = Module.of(origin).orElse(null);
                if (from == null) {
                    return; // EVERY_CLASS_BELONGS_TO_A_MODULE_AND_EVERY_MODULE_IS_IMPORTED reports it
                }
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    Module.of(dependency.getTargetClass())
                            .filter(to -> !from.mayUse(to))
                            .ifPresent(to -> events.add(violated(dependency,
                                    "the %s may not use the %s: %s".formatted(
                                            from.label, to.label, dependency.getDescription()))));
                }
            }
        };
    }

    private static ArchCondition<JavaClass> belongToAModuleAndLeaveNoExpectedModuleEmpty() {
        return new ArchCondition<>("belong to a module of the hexagon, and fill every expected module") {
            // Set by init, read by finish, within one evaluation; rules are evaluated one at a time.
            private Set<Module> empty = EnumSet.noneOf(Module.class);

            @Override
            public void init(Collection<JavaClass> allClasses) {
                Set<Module> stillEmpty = EnumSet.noneOf(Module.class);
                Stream.of(Module.values()).filter(m -> m.presence == Presence.EXPECTED).forEach(stillEmpty::add);
                allClasses.forEach(javaClass -> Module.of(javaClass).ifPresent(stillEmpty::remove));
                empty = stillEmpty;
            }

            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                if (Module.of(javaClass).isEmpty()) {
                    events.add(violated(javaClass, "%s belongs to no module of the hexagon (%s)"
                            .formatted(javaClass.getName(), javaClass.getSourceCodeLocation())));
                }
            }

            @Override
            public void finish(ConditionEvents events) {
                for (Module module : empty) {
                    events.add(violated(module, "no class of the %s was imported: is its jar on the classpath?"
                            .formatted(module)));
                }
            }
        };
    }

    private static String[] concat(String[] packages, String... more) {
        return Stream.concat(Stream.of(packages), Stream.of(more)).toArray(String[]::new);
    }
}
