package org.openwec.core.model.fields;

/** A line and a column of a text document, both counted from 1. */
public record FieldPosition(int line, int column) {
}
