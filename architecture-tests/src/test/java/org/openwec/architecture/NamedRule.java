package org.openwec.architecture;

import com.tngtech.archunit.lang.ArchRule;
import java.lang.reflect.Modifier;
import java.util.stream.Stream;

/** A public rule of {@link HexagonRules} with its field name, so that no rule can be forgotten. */
record NamedRule(String name, ArchRule rule) {

    static Stream<NamedRule> everyRule() {
        return Stream.of(HexagonRules.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()))
                .filter(field -> ArchRule.class.isAssignableFrom(field.getType()))
                .map(field -> {
                    try {
                        return new NamedRule(field.getName(), (ArchRule) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                });
    }
}
