/**
 * The reference's four output formats (Raw, RawJson, Json, Nxlog): one line of text per event, with the
 * reference's field names and order (OpenWEC server/src/formats at a41b95f).
 */
package org.openwec.adapters.outputs.format;
