package org.openwec.adapters.sql;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openwec.adapters.sql.json.SerdeJson;
import org.openwec.core.model.fields.FieldReader;
import org.openwec.core.model.fields.IntegerRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 12 ("alter outputs files config"): Files configs move from base/split/append/filename to
 * one path template. Only Files configs are rewritten.
 *
 * <p>Other drivers' config objects are kept exactly as stored, unknown keys included. The reference
 * re-reads them with v0.3.0-era structs, which drops unknown keys and fails on a Tcp config written
 * by current code ({@code host} instead of {@code addr}); keeping them verbatim never loses data and
 * lets a database holding such rows be migrated in both directions.
 */
final class V12Rewrite {

    private static final Logger LOG = LoggerFactory.getLogger(V12Rewrite.class);

    private V12Rewrite() {
    }

    static String up(String json) {
        ArrayNode current = OutputsJson.parseArray(json);
        ArrayNode rewritten = SerdeJson.array();
        for (int i = 0; i < current.size(); i++) {
            OutputEnvelope element = OutputEnvelope.parse(current.get(i), i);
            ObjectNode config = element.driver().equals("Files") ? pathConfig(element.configReader()) : element.config();
            rewritten.add(OutputEnvelope.toJson(element.format(), element.driver(), config, element.enabled()));
        }
        return SerdeJson.write(rewritten);
    }

    static String down(String json) {
        ArrayNode current = OutputsJson.parseArray(json);
        ArrayNode rewritten = SerdeJson.array();
        for (int i = 0; i < current.size(); i++) {
            OutputEnvelope element = OutputEnvelope.parse(current.get(i), i);
            if (element.driver().equals("Files")) {
                String path = element.configReader().string("path");
                ObjectNode legacy = legacyConfig(path);
                if (legacy != null) {
                    // Better than the reference: a path the legacy fields can express survives the round trip.
                    rewritten.add(OutputEnvelope.toJson(element.format(), "Files", legacy, element.enabled()));
                    continue;
                }
                LOG.warn("Downgrade below schema version 12: Files output {} with path '{}' is disabled and its"
                        + " path is lost (replaced by base '/' and filename 'messages')", i, path);
                rewritten.add(OutputEnvelope.toJson(element.format(), "Files", placeholderLegacyConfig(), false));
            } else {
                // The reference forces enabled=true here; the schema spec keeps the stored flag, and so do we.
                rewritten.add(element.toJson());
            }
        }
        return SerdeJson.write(rewritten);
    }

    private static ObjectNode pathConfig(FieldReader files) {
        String path = files.optionalString("path");
        if (path == null) {
            Long split = files.optionalInteger("split_on_addr_index", IntegerRange.U8);
            path = LegacyOutputs.filesPathFromLegacy(
                    files.optionalString("base"),
                    split == null ? null : split.intValue(),
                    files.optionalBool("append_node_name"),
                    files.optionalString("filename"));
        }
        ObjectNode config = SerdeJson.object();
        config.put("path", path);
        return config;
    }

    /**
     * The legacy fields (base, split_on_addr_index, append_node_name, filename) that migration 12 turns
     * back into exactly {@code path}, or null when none do. The legacy {@code {principal}} placeholder reads
     * as {@code {client}}, its current spelling (the Files driver treats them alike).
     */
    static ObjectNode legacyConfig(String path) {
        String wanted = path.replace("{principal}", "{client}");
        String marker = "{ip}/{client}/";
        int at = wanted.lastIndexOf(marker);
        if (at < 0) {
            return null;
        }
        String head = wanted.substring(0, at);
        String tail = wanted.substring(at + marker.length());
        boolean appendNode = tail.startsWith("{node}/");
        String filename = appendNode ? tail.substring("{node}/".length()) : tail;
        if (filename.isEmpty() || filename.contains("/") || filename.contains("{")) {
            return null;
        }
        Integer split = null;
        for (int n = 3; n >= 0 && head.endsWith("{ip:" + n + "}/"); n--) {
            head = head.substring(0, head.length() - ("{ip:" + n + "}/").length());
            split = n;
        }
        // The join adds no separator after a base ending in '/', so the base may keep or lose one.
        for (String base : new String[] {head.endsWith("/") ? head.substring(0, head.length() - 1) : head, head}) {
            if (base.contains("{")) {
                continue;
            }
            if (LegacyOutputs.filesPathFromLegacy(base, split, appendNode, filename).equals(wanted)) {
                ObjectNode config = SerdeJson.object();
                config.putNull("path");
                config.put("base", base);
                if (split == null) {
                    config.putNull("split_on_addr_index");
                } else {
                    config.put("split_on_addr_index", split);
                }
                config.put("append_node_name", appendNode);
                config.put("filename", filename);
                return config;
            }
        }
        return null;
    }

    /** What the reference writes for every Files output on the way down, in its struct's field order. */
    private static ObjectNode placeholderLegacyConfig() {
        ObjectNode config = SerdeJson.object();
        config.putNull("path");
        config.put("base", "/");
        config.putNull("split_on_addr_index");
        config.put("append_node_name", false);
        config.put("filename", "messages");
        return config;
    }
}
