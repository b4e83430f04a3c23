package org.openwec.core.model.fields;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/** A value as a {@link FieldSource} hands it over, by the kind serde tells apart. */
public sealed interface FieldValue {

    record Text(String value) implements FieldValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    record Bool(boolean value) implements FieldValue {
    }

    /** An integer written without fraction or exponent, of any size: JSON numbers are unbounded. */
    record Int(BigInteger value) implements FieldValue {
        public Int {
            Objects.requireNonNull(value, "value");
        }

        public static Int of(long value) {
            return new Int(BigInteger.valueOf(value));
        }
    }

    /** A number with a fraction or an exponent: never an integer for serde, even 5.0. */
    record Decimal(double value) implements FieldValue {
    }

    record Array(List<FieldValue> items) implements FieldValue {
        public Array {
            items = List.copyOf(items);
        }
    }

    record Table(FieldSource fields) implements FieldValue {
        public Table {
            Objects.requireNonNull(fields, "fields");
        }
    }

    /** JSON's null: serde reads it as None for an optional field and refuses it for a required one. */
    record Null() implements FieldValue {
        public static final Null INSTANCE = new Null();
    }

    /** A value of a kind only one format has (a TOML date or time), with that format's type name and text. */
    record Other(String type, String text) implements FieldValue {
    }
}
