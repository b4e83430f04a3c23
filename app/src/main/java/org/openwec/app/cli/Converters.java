package org.openwec.app.cli;

import java.util.List;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.SubscriptionParameters;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Argument types with the reference's ranges (clap's u16, u32, usize): a value out of range is a usage
 * error (exit 2), never a number silently wrapped or truncated.
 */
final class Converters {
    private Converters() {}

    /** Marks "given without a value" for options that clear a setting that way (e.g. {@code --max-elements}). */
    static final long CLEAR = -1;

    static final class U32 implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return unsigned(value, SubscriptionParameters.U32_MAX, "an integer from 0 to 4294967295");
        }
    }

    /** A u32, or {@link #CLEAR} when the option is given without a value (its fallback is ""). */
    static final class U32OrClear implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return value.isEmpty() ? CLEAR : new U32().convert(value);
        }
    }

    static final class U16 implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) unsigned(value, SubscriptionParameters.U16_MAX, "an integer from 0 to 65535");
        }
    }

    /** A position in a list, from 0. */
    static final class Index implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) unsigned(value, Integer.MAX_VALUE, "an index from 0");
        }
    }

    /** The names {@code outputs add -f} takes: json, raw, raw_json, nxlog (exact case). */
    static final class OutputFormatName implements ITypeConverter<OutputFormat> {
        static final List<String> NAMES = List.of("json", "raw", "raw_json", "nxlog");

        @Override
        public OutputFormat convert(String value) {
            return switch (value) {
                case "json" -> OutputFormat.Json;
                case "raw" -> OutputFormat.Raw;
                case "raw_json" -> OutputFormat.RawJson;
                case "nxlog" -> OutputFormat.Nxlog;
                default -> throw new TypeConversionException("'" + value + "' is not one of json, raw, raw_json, nxlog");
            };
        }
    }

    static final class OutputFormatNames extends java.util.ArrayList<String> {
        OutputFormatNames() {
            super(OutputFormatName.NAMES);
        }
    }

    /** How heartbeats and stats are printed. */
    enum Style { TEXT, JSON }

    static final class StyleName implements ITypeConverter<Style> {
        @Override
        public Style convert(String value) {
            return switch (value) {
                case "text" -> Style.TEXT;
                case "json" -> Style.JSON;
                default -> throw new TypeConversionException("'" + value + "' is not one of text, json");
            };
        }
    }

    static final class StyleNames extends java.util.ArrayList<String> {
        StyleNames() {
            super(List.of("text", "json"));
        }
    }

    private static long unsigned(String value, long max, String expected) {
        try {
            long n = Long.parseLong(value);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with what is expected
        }
        throw new TypeConversionException("'" + value + "' is not " + expected);
    }
}
