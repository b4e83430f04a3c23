package org.openwec.app.format;

import java.util.List;
import org.openwec.core.model.ClientFilter;
import org.openwec.core.model.Output;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.SubscriptionParameters;
import org.openwec.core.model.Uuids;

/** {@code subscriptions show}: the reference's layout line for line, plus the filter's type and flags. */
public final class SubscriptionText {
    private static final String NOT_CONFIGURED = "Not configured";

    private SubscriptionText() {}

    /** Every line ends with a newline; the query is printed verbatim after an empty line. */
    public static String show(Subscription s) {
        SubscriptionParameters p = s.parameters();
        StringBuilder out = new StringBuilder();
        line(out, "Subscription " + s.name());
        field(out, "UUID", Uuids.lowerCase(s.uuid()));
        field(out, "Internal version", Uuids.lowerCase(s.internalVersion()));
        field(out, "Public version", Uuids.lowerCase(s.publicVersion()));
        field(out, "Revision", orNotConfigured(s.revision()));
        field(out, "URI", orNotConfigured(s.uri()));
        field(out, "Heartbeat interval", p.heartbeatInterval() + "s");
        field(out, "Connection retry count", Integer.toString(p.connectionRetryCount()));
        field(out, "Connection retry interval", p.connectionRetryInterval() + "s");
        field(out, "Max time without heartbeat/events", p.maxTime() + "s");
        field(out, "Max events in a batch", p.maxElements() == null ? NOT_CONFIGURED : p.maxElements().toString());
        field(out, "Max envelope size", p.maxEnvelopeSize() + " bytes");
        field(out, "Read existing events", Boolean.toString(p.readExistingEvents()));
        field(out, "Content format", p.contentFormat().name());
        field(out, "Ignore channel error", Boolean.toString(p.ignoreChannelError()));
        field(out, "Locale", orNotConfigured(p.locale()));
        field(out, "Data Locale", orNotConfigured(p.dataLocale()));
        filter(out, s.clientFilter());
        outputs(out, s.outputs());
        field(out, "Enabled", Boolean.toString(s.enabled()));
        out.append("\tEvent filter query:\n\n").append(p.query()).append('\n');
        return out.toString();
    }

    /**
     * The reference hides the filter's type and flags, so "Only the following targets: x" could mean a
     * case-sensitive client name or a case-insensitive MachineID glob. Its line is kept as is, for
     * scripts, and two lines follow it to say which.
     */
    private static void filter(StringBuilder out, ClientFilter filter) {
        if (filter == null) {
            field(out, "Client filter", NOT_CONFIGURED);
            return;
        }
        field(out, "Client filter", filter.operation() + " the following targets: " + String.join(",", filter.targets()));
        field(out, "Client filter type", filter.kind().name());
        String flags = FilterFlags.text(filter.flags());
        field(out, "Client filter flags", flags.isEmpty() ? "None" : flags);
    }

    private static void outputs(StringBuilder out, List<Output> outputs) {
        if (outputs.isEmpty()) {
            field(out, "Outputs", NOT_CONFIGURED);
            return;
        }
        line(out, "\tOutputs:");
        for (int i = 0; i < outputs.size(); i++) {
            line(out, "\t- " + i + ": " + OutputText.describe(outputs.get(i)));
        }
    }

    private static String orNotConfigured(String value) {
        return value == null ? NOT_CONFIGURED : value;
    }

    private static void field(StringBuilder out, String name, String value) {
        line(out, "\t" + name + ": " + value);
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append('\n');
    }
}
