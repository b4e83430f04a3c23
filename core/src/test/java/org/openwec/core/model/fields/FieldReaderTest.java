package org.openwec.core.model.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openwec.core.model.fields.FieldProblem.Expected;
import org.openwec.core.model.fields.FieldValue.Array;
import org.openwec.core.model.fields.FieldValue.Bool;
import org.openwec.core.model.fields.FieldValue.Decimal;
import org.openwec.core.model.fields.FieldValue.Int;
import org.openwec.core.model.fields.FieldValue.Table;
import org.openwec.core.model.fields.FieldValue.Text;

/** The serde rules, on a map-backed source whose every key sits on its own line. */
class FieldReaderTest {

    /** Carries the problem out, so that each rule is checked on the problem it reports rather than on wording. */
    static final class Problem extends RuntimeException {
        final transient FieldProblem problem;

        Problem(FieldProblem problem) {
            super(problem.toString());
            this.problem = problem;
        }
    }

    private static final FieldErrors ERRORS = Problem::new;

    /** Keys in insertion order; key number n is written on line n. */
    private record MapSource(Map<String, FieldValue> values) implements FieldSource {
        @Override
        public Set<String> keys() {
            return values.keySet();
        }

        @Override
        public FieldValue get(String key) {
            return values.get(key);
        }

        @Override
        public Optional<FieldPosition> position(String key) {
            int line = List.copyOf(values.keySet()).indexOf(key) + 1;
            return line == 0 ? Optional.empty() : Optional.of(new FieldPosition(line, 1));
        }
    }

    private static FieldReader reader(Object... keysAndValues) {
        return FieldReader.of(source(keysAndValues), "file.toml", ERRORS);
    }

    private static MapSource source(Object... keysAndValues) {
        Map<String, FieldValue> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], (FieldValue) keysAndValues[i + 1]);
        }
        return new MapSource(values);
    }

    private static Table table(Object... keysAndValues) {
        return new Table(source(keysAndValues));
    }

    private static FieldProblem problemOf(Runnable read) {
        try {
            read.run();
        } catch (Problem p) {
            return p.problem;
        }
        throw new AssertionError("no problem reported");
    }

    private static final Text S = new Text("s");
    private static final FieldValue.Null NULL = FieldValue.Null.INSTANCE;

    @Test
    void aRequiredFieldMustBeWrittenAndNotNull() {
        FieldReader r = reader("name", S, "gone", NULL);

        assertThat(r.string("name")).isEqualTo("s");
        assertThat(problemOf(() -> r.string("absent", "Add it."))).isEqualTo(new FieldProblem.Missing(
                new FieldProblem.Location("file.toml", "", "absent", Optional.empty()), "Add it."));
        assertThat(problemOf(() -> r.string("gone"))).isInstanceOf(FieldProblem.Null.class);
        assertThat(problemOf(() -> r.bool("absent"))).isInstanceOf(FieldProblem.Missing.class);
        assertThat(problemOf(() -> r.integer("absent", IntegerRange.U8))).isInstanceOf(FieldProblem.Missing.class);
        assertThat(problemOf(() -> r.table("absent"))).isInstanceOf(FieldProblem.Missing.class);
        assertThat(problemOf(() -> r.tables("absent"))).isInstanceOf(FieldProblem.Missing.class);
        assertThat(problemOf(() -> r.strings("absent"))).isInstanceOf(FieldProblem.Missing.class);
        assertThat(problemOf(() -> r.stringMap("absent"))).isInstanceOf(FieldProblem.Missing.class);
    }

    @Test
    void anOptionalFieldMayBeMissingOrNull() {
        FieldReader r = reader("gone", NULL);

        for (String key : List.of("absent", "gone")) {
            assertThat(r.optionalString(key)).isNull();
            assertThat(r.optionalBool(key)).isNull();
            assertThat(r.optionalInteger(key, IntegerRange.U32)).isNull();
            assertThat(r.optionalTable(key)).isNull();
            assertThat(r.optionalTables(key)).isNull();
            assertThat(r.optionalStrings(key)).isNull();
            assertThat(r.optionalStringOrStrings(key)).isNull();
            assertThat(r.optionalNumbers(key)).isNull();
            assertThat(r.optionalStringMap(key)).isNull();
            assertThat(r.stringOr(key, "d")).isEqualTo("d");
            assertThat(r.boolOr(key, true)).isTrue();
            assertThat(r.integerOr(key, IntegerRange.U8, 7)).isEqualTo(7);
        }
        assertThat(r.contains("gone")).isTrue();
        assertThat(r.has("gone")).isFalse();
        assertThat(r.contains("absent")).isFalse();
    }

    @Test
    void typesMatchExactly() {
        FieldReader r = reader("text", new Text("5"), "float", new Decimal(5.0), "flag", new Bool(true), "int", Int.of(5),
                "list", new Array(List.of(S, Int.of(1))), "t", table());

        assertThat(problemOf(() -> r.bool("text"))).isEqualTo(new FieldProblem.WrongType(
                new FieldProblem.Location("file.toml", "", "text", Optional.of(new FieldPosition(1, 1))),
                Expected.BOOLEAN, new Text("5"), null));
        assertThat(problemOf(() -> r.integer("text", IntegerRange.U16)))
                .isEqualTo(new FieldProblem.WrongType(r(1, "text"), Expected.INTEGER, new Text("5"), IntegerRange.U16));
        assertThat(problemOf(() -> r.integer("float", IntegerRange.U16))).as("5.0 is no integer for serde")
                .isEqualTo(new FieldProblem.WrongType(r(2, "float"), Expected.INTEGER, new Decimal(5.0), IntegerRange.U16));
        assertThat(problemOf(() -> r.string("flag"))).isInstanceOf(FieldProblem.WrongType.class);
        assertThat(problemOf(() -> r.string("int"))).isInstanceOf(FieldProblem.WrongType.class);
        assertThat(problemOf(() -> r.table("int"))).isInstanceOf(FieldProblem.WrongType.class);
        assertThat(problemOf(() -> r.strings("list"))).as("the first element that is not a string")
                .isEqualTo(new FieldProblem.WrongType(r(5, "list"), Expected.ARRAY_OF_STRINGS, Int.of(1), null));
        assertThat(problemOf(() -> r.strings("text"))).isInstanceOf(FieldProblem.WrongType.class);
        assertThat(problemOf(() -> r.tables("list"))).isInstanceOf(FieldProblem.WrongType.class);
        assertThat(problemOf(() -> r.optionalNumbers("list")))
                .isEqualTo(new FieldProblem.WrongType(r(5, "list"), Expected.ARRAY_OF_NUMBERS, S, null));
        assertThat(problemOf(() -> r.stringMap("text"))).isInstanceOf(FieldProblem.WrongType.class);
    }

    private static FieldProblem.Location r(int line, String key) {
        return new FieldProblem.Location("file.toml", "", key, Optional.of(new FieldPosition(line, 1)));
    }

    @Test
    void integersFitTheirRange() {
        FieldReader r = reader("u8", Int.of(255), "over", Int.of(256), "negative", Int.of(-1),
                "huge", new Int(new BigInteger("18446744073709551616")));

        assertThat(r.integer("u8", IntegerRange.U8)).isEqualTo(255);
        assertThat(problemOf(() -> r.integer("over", IntegerRange.U8)))
                .isEqualTo(new FieldProblem.OutOfRange(r(2, "over"), IntegerRange.U8, BigInteger.valueOf(256)));
        assertThat(problemOf(() -> r.optionalInteger("negative", IntegerRange.U32))).isInstanceOf(FieldProblem.OutOfRange.class);
        assertThat(problemOf(() -> r.integer("huge", IntegerRange.U64))).isInstanceOf(FieldProblem.OutOfRange.class);
        assertThat(r.integer("over", new IntegerRange(256, 256))).isEqualTo(256);
        assertThat(IntegerRange.U16.max()).isEqualTo(65_535);
        assertThat(IntegerRange.U32.max()).isEqualTo(4_294_967_295L);
        assertThatThrownBy(() -> new IntegerRange(2, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nestedTablesAndArraysOfTablesAreNamedByTheirDottedPath() {
        FieldReader r = reader("database", table("port", new Text("x")),
                "outputs", new Array(List.of(table(), table("config", table("port", Int.of(70_000))))));

        FieldReader database = r.table("database");
        assertThat(database.table()).isEqualTo("database");
        assertThat(database.dotted("port")).isEqualTo("database.port");
        assertThat(problemOf(() -> database.integer("port", IntegerRange.U16)).at())
                .isEqualTo(new FieldProblem.Location("file.toml", "database", "port", Optional.of(new FieldPosition(1, 1))));

        List<FieldReader> outputs = r.tables("outputs");
        assertThat(outputs).extracting(FieldReader::table).containsExactly("outputs[0]", "outputs[1]");
        FieldProblem problem = problemOf(() -> outputs.get(1).table("config").integer("port", IntegerRange.U16));
        assertThat(problem.at().dotted()).isEqualTo("outputs[1].config.port");
        assertThat(problem.at().origin()).isEqualTo("file.toml");
    }

    @Test
    void unknownKeysAreRefusedOnRequestFirstInAlphabeticalOrder() {
        FieldReader r = reader("name", S, "zeta", S, "colour", S);

        r.string("name");
        assertThat(problemOf(r::rejectUnknownKeys))
                .isEqualTo(new FieldProblem.UnknownKey(r(3, "colour")));

        FieldReader all = reader("name", S, "alias", S, "gone", NULL);
        all.string("name");
        all.contains("alias");
        all.optionalString("gone");
        all.rejectUnknownKeys(); // every key was asked for, even only by contains()
    }

    @Test
    void stringsMapsAndNumbers() {
        FieldReader r = reader("one", S, "many", new Array(List.of(new Text("a"), new Text("b"))),
                "options", table("b", new Text("2"), "a", new Text("1"), "n", Int.of(3)),
                "buckets", new Array(List.of(Int.of(1), new Decimal(2.5))));

        assertThat(r.optionalStringOrStrings("one")).containsExactly("s");
        assertThat(r.optionalStringOrStrings("many")).containsExactly("a", "b");
        assertThat(r.strings("many")).containsExactly("a", "b");
        assertThat(r.optionalNumbers("buckets")).containsExactly(1.0, 2.5);
        FieldProblem problem = problemOf(() -> r.stringMap("options"));
        assertThat(problem).isInstanceOf(FieldProblem.WrongType.class);
        assertThat(problem.at().dotted()).isEqualTo("options.n");

        FieldReader ok = reader("options", table("b", new Text("2"), "a", new Text("1")));
        assertThat(ok.stringMap("options")).containsExactly(Map.entry("b", "2"), Map.entry("a", "1"));
    }

    @Test
    void aDocumentMustBeATable() {
        assertThat(problemOf(() -> FieldReader.of(S, "in.json", ERRORS))).isEqualTo(new FieldProblem.WrongType(
                new FieldProblem.Location("in.json", "", null, Optional.empty()), Expected.TABLE, S, null));
        assertThat(problemOf(() -> FieldReader.of((FieldValue) null, "in.json", ERRORS))).isInstanceOf(FieldProblem.WrongType.class);
        assertThat(FieldReader.of(table("a", S), "in.json", ERRORS).string("a")).isEqualTo("s");
    }

    @Test
    void callersReportTheirOwnChecksThroughTheSameErrors() {
        FieldReader r = reader("type", new Text("MySQL"));
        FieldReader db = FieldReader.of(source("t", table("type", new Text("MySQL"))), "f", ERRORS).table("t");

        assertThat(((Problem) r.invalid("type", "unknown type")).problem)
                .isEqualTo(new FieldProblem.Invalid(r(1, "type"), "unknown type"));
        assertThat(((Problem) db.problem("no outputs")).problem)
                .isEqualTo(new FieldProblem.Invalid(new FieldProblem.Location("f", "t", null, Optional.empty()), "no outputs"));
        assertThat(db.where()).isEqualTo("f [t]");
    }

    @Test
    void aRenamedTableIsReportedUnderItsNewName() {
        FieldReader element = reader("items", new Array(List.of(table("n", S)))).tables("items").get(0);
        FieldReader renamed = element.renamed("in.json: items[0]");

        assertThat(renamed.table()).isEmpty();
        assertThat(renamed.where()).isEqualTo("in.json: items[0]");
        assertThat(problemOf(() -> renamed.bool("n")).at().origin()).isEqualTo("in.json: items[0]");
    }
}
