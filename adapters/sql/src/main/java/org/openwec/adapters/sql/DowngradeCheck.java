package org.openwec.adapters.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.openwec.core.model.DowngradeLoss;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;

/**
 * What a downgrade would do to the data, found before anything is touched: the reference's down
 * migrations drop columns, rewrite outputs and fail midway on values older versions cannot express
 * (their down steps in OpenWEC common/src/database/schema/ at a41b95f). Each subscription row is taken through the planned steps in memory, in order,
 * so a later step sees what the earlier ones would have made of it.
 */
public final class DowngradeCheck {
    private DowngradeCheck() {}

    public static List<DowngradeLoss> losses(Handle h, List<Long> versionsDescending) {
        List<DowngradeLoss> losses = new ArrayList<>();
        for (Map<String, Object> row : h.createQuery("SELECT * FROM subscriptions ORDER BY name").mapToMap().list()) {
            losses.addAll(subscriptionLosses(row, versionsDescending));
        }
        for (long version : versionsDescending) {
            tableLosses(h, version, losses);
        }
        return losses;
    }

    private static List<DowngradeLoss> subscriptionLosses(Map<String, Object> row, List<Long> versionsDescending) {
        List<DowngradeLoss> losses = new ArrayList<>();
        String name = String.valueOf(row.get("name"));
        String outputs = (String) row.get("outputs");
        for (long version : versionsDescending) {
            switch ((int) version) {
                case 14 -> {
                    Object op = row.get("client_filter_op");
                    Object kind = row.get("client_filter_kind");
                    Object flags = row.get("client_filter_flags");
                    boolean flagged = flags instanceof Number n && n.longValue() != 0;
                    if (op != null && (flagged || (kind != null && !"Client".equalsIgnoreCase(kind.toString())))) {
                        losses.add(new DowngradeLoss(version, name, "its client filter kind " + kind + " and flags " + flags
                                + " would be dropped, leaving an exact, case-sensitive principal filter", false));
                    }
                }
                case 13 -> ifSet(losses, version, name, row, "max_elements");
                case 12 -> {
                    losses.addAll(filesPathLosses(version, name, outputs));
                    outputs = rewrite(outputs, LegacyOutputs::v12Down);
                }
                case 11 -> {
                    ifSet(losses, version, name, row, "locale");
                    ifSet(losses, version, name, row, "data_locale");
                }
                case 10 -> ifSet(losses, version, name, row, "revision");
                case 9 -> {
                    try {
                        outputs = outputs == null ? null : LegacyOutputs.v9Down(outputs);
                    } catch (IllegalArgumentException e) {
                        losses.add(new DowngradeLoss(version, name, "its outputs cannot be expressed before version 9 ("
                                + e.getMessage() + ")", true));
                        return losses;
                    }
                }
                case 8 -> {
                    Object op = row.containsKey("client_filter_op") ? row.get("client_filter_op") : row.get("princs_filter_op");
                    if (op != null) {
                        losses.add(new DowngradeLoss(version, name, "its client filter would be dropped", false));
                    }
                }
                case 7 -> {
                    Object ignore = row.get("ignore_channel_error");
                    if (ignore != null && !truthy(ignore)) {
                        losses.add(new DowngradeLoss(version, name,
                                "ignore_channel_error = false would be dropped (true once upgraded again)", false));
                    }
                }
                case 6 -> {
                    Object format = row.get("content_format");
                    if (format != null && !"RenderedText".equals(format)) {
                        losses.add(new DowngradeLoss(version, name,
                                "content format " + format + " would be dropped (RenderedText once upgraded again)", false));
                    }
                }
                case 5 -> ifSet(losses, version, name, row, "uri");
                case 1 -> losses.add(new DowngradeLoss(version, name, "the subscription would be deleted", false));
                default -> { }
            }
        }
        return losses;
    }

    private static void tableLosses(Handle h, long version, List<DowngradeLoss> losses) {
        String question = switch ((int) version) {
            case 4 -> "SELECT count(*) FROM heartbeats WHERE last_event_seen IS NOT NULL";
            case 3 -> "SELECT count(*) FROM heartbeats";
            case 2 -> "SELECT count(*) FROM bookmarks";
            default -> null;
        };
        if (question == null) {
            return;
        }
        long rows = h.createQuery(question).mapTo(Long.class).one();
        if (rows > 0) {
            String what = switch ((int) version) {
                case 4 -> rows + " heartbeats would lose their last event time";
                case 3 -> rows + " heartbeats would be deleted";
                default -> rows + " bookmarks would be deleted: clients would send their events again";
            };
            losses.add(new DowngradeLoss(version, version == 2 ? "bookmarks" : "heartbeats", what, false));
        }
    }

    private static List<DowngradeLoss> filesPathLosses(long version, String name, String outputs) {
        List<DowngradeLoss> losses = new ArrayList<>();
        if (outputs == null) {
            return losses;
        }
        for (Output output : OutputsJson.read(outputs)) {
            if (output.driver() instanceof OutputDriver.Files files
                    && !LegacyOutputs.isExpressibleBeforeV12(files.path())) {
                losses.add(new DowngradeLoss(version, name, "its Files output path '" + files.path()
                        + "' cannot be expressed before version 12: it would be replaced by /messages and disabled", false));
            }
        }
        return losses;
    }

    private static String rewrite(String outputs, UnaryOperator<String> step) {
        return outputs == null ? null : step.apply(outputs);
    }

    private static void ifSet(List<DowngradeLoss> losses, long version, String name, Map<String, Object> row, String column) {
        Object value = row.get(column);
        if (value != null) {
            losses.add(new DowngradeLoss(version, name, column + " = " + value + " would be dropped", false));
        }
    }

    private static boolean truthy(Object value) {
        return value instanceof Boolean b ? b : value instanceof Number n && n.longValue() != 0;
    }
}
