package org.openwec.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What a rule reports on a given set of classes, with assertions on the report. A fragment is either
 * a class, matched by its full name (so that {@code SqlPlumbingStandIn} never matches inside a longer
 * name), or a piece of text.
 */
final class Verdict {

    private final ArchRule rule;
    private final List<String> violations;
    private final boolean nothingSelected;

    private Verdict(ArchRule rule, List<String> violations, boolean nothingSelected) {
        this.rule = rule;
        this.violations = violations;
        this.nothingSelected = nothingSelected;
    }

    static Verdict of(ArchRule rule, JavaClasses classes) {
        try {
            EvaluationResult result = rule.evaluate(classes);
            List<String> details = result.hasViolation() ? result.getFailureReport().getDetails() : List.of();
            return new Verdict(rule, details, false);
        } catch (AssertionError emptySelection) {
            // ArchUnit's answer to a rule that selected no class (allowEmptyShould is false)
            return new Verdict(rule, List.of(String.valueOf(emptySelection.getMessage())), true);
        }
    }

    /** Some single violation names all the fragments together (a class and what it must not use). */
    Verdict reports(Object... fragments) {
        assertThat(nothingSelected).as("'%s' selected no class at all", rule.getDescription()).isFalse();
        assertThat(violations)
                .as("'%s' should report %s", rule.getDescription(), Arrays.toString(fragments))
                .anyMatch(namesAll(fragments));
        return this;
    }

    /** No violation names all the fragments together. */
    Verdict doesNotReport(Object... fragments) {
        assertThat(violations)
                .as("'%s' should not report %s", rule.getDescription(), Arrays.toString(fragments))
                .noneMatch(namesAll(fragments));
        return this;
    }

    /** The rule failed because it selected no class, not because of something it found. */
    Verdict failsForSelectingNothing() {
        assertThat(nothingSelected).as("'%s' should fail for having selected no class", rule.getDescription()).isTrue();
        assertThat(violations).singleElement(STRING)
                .contains("failed to check any classes");
        return this;
    }

    private static Predicate<String> namesAll(Object... fragments) {
        return violation -> Arrays.stream(fragments).allMatch(fragment -> pattern(fragment).matcher(violation).find());
    }

    private static Pattern pattern(Object fragment) {
        if (fragment instanceof Class<?> type) {
            return Pattern.compile(Pattern.quote(type.getName()) + "(?![\\w$])");
        }
        return Pattern.compile(Pattern.quote(fragment.toString()));
    }
}
