/**
 * The rules by which the reference reads its configuration structs with serde, written once for every
 * format we read them from: the settings file and subscription files (TOML), the export/import files and
 * the stored outputs column (JSON). A required field is present and not null, an optional one may be
 * missing or null, types match exactly (no string for a number, no float for an integer), integers fit
 * their Rust type (u8, u16, u32...), and a struct marked {@code deny_unknown_fields} refuses any other key.
 *
 * <p>{@link org.openwec.core.model.fields.FieldReader} applies the rules to a
 * {@link org.openwec.core.model.fields.FieldSource}, which each format implements outside the core (tomlj
 * in the app, Jackson in the SQL plumbing). A problem is described as a
 * {@link org.openwec.core.model.fields.FieldProblem} and turned into the caller's own exception and wording
 * by its {@link org.openwec.core.model.fields.FieldErrors}, so the settings loader, the subscription
 * loader, the importer and the stored-column codec each keep the messages their users know.
 */
package org.openwec.core.model.fields;
