package org.openwec.adapters.sql;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        ArrayNode current = SerdeJson.parseArray(json);
        ArrayNode rewritten = SerdeJson.array();
        for (int i = 0; i < current.size(); i++) {
            OutputEnvelope element = OutputEnvelope.parse(current.get(i), i);
            ObjectNode config = element.driver().equals("Files") ? pathConfig(element.configReader()) : element.config();
            rewritten.add(OutputEnvelope.toJson(element.format(), element.driver(), config, element.enabled()));
        }
        return SerdeJson.write(rewritten);
    }

    static String down(String json) {
        ArrayNode current = SerdeJson.parseArray(json);
        ArrayNode rewritten = SerdeJson.array();
        for (int i = 0; i < current.size(); i++) {
            OutputEnvelope element = OutputEnvelope.parse(current.get(i), i);
            if (element.driver().equals("Files")) {
                String path = element.configReader().string("path");
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

    private static ObjectNode pathConfig(ConfigReader files) {
        String path = files.optionalString("path");
        if (path == null) {
            path = LegacyOutputs.filesPathFromLegacy(
                    files.optionalString("base"),
                    files.optionalUnsigned("split_on_addr_index", 0xFF),
                    files.optionalBool("append_node_name"),
                    files.optionalString("filename"));
        }
        ObjectNode config = SerdeJson.object();
        config.put("path", path);
        return config;
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
