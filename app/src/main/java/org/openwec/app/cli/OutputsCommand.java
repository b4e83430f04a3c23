package org.openwec.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.openwec.app.format.OutputText;
import org.openwec.core.model.Output;
import org.openwec.core.model.Subscription;
import org.openwec.core.model.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code subscriptions edit <s> outputs [add|delete|enable|disable]}: each subcommand is a change of the
 * outputs list that the {@code edit} command applies before its own options, then stores.
 */
@Command(name = "outputs", mixinStandardHelpOptions = true,
        description = "List the outputs of the subscription (index: output), or change them with a subcommand.",
        subcommands = {OutputsAddCommand.class, OutputsCommand.Delete.class, OutputsCommand.Enable.class,
                OutputsCommand.Disable.class},
        footer = {"", "Examples:", "  openwec subscriptions edit security outputs",
                "  openwec subscriptions edit security outputs add --format raw files '/var/log/openwec/{ip}/{client}/messages'",
                "  openwec subscriptions edit security outputs disable --yes 1"})
final class OutputsCommand implements Callable<Integer> {
    private final CliContext context;

    @ParentCommand
    EditSubscriptionCommand edit;

    OutputsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return change(s -> {
            if (s.outputs().isEmpty()) {
                context.out.println("Subscription " + s.name() + " does not have any outputs configured yet.");
            }
            for (int i = 0; i < s.outputs().size(); i++) {
                context.out.println(i + ": " + OutputText.describe(s.outputs().get(i)));
            }
            return s;
        });
    }

    int change(UnaryOperator<Subscription> change) {
        return edit.edit(change);
    }

    static Output at(Subscription s, int index, String failure) {
        if (index >= s.outputs().size()) {
            throw new UserError(failure + ": index out of range (subscription " + s.name() + " has "
                    + s.outputs().size() + " output(s), numbered from 0)");
        }
        return s.outputs().get(index);
    }

    static Subscription replace(Subscription s, int index, Output output) {
        List<Output> outputs = new ArrayList<>(s.outputs());
        if (output == null) {
            outputs.remove(index);
        } else {
            outputs.set(index, output);
        }
        return s.withOutputs(outputs);
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete an output, after a confirmation.",
            footer = {"", "Example:", "  openwec subscriptions edit security outputs delete --yes 0"})
    static final class Delete implements Callable<Integer> {
        private final CliContext context;

        @ParentCommand
        OutputsCommand outputs;

        @Parameters(paramLabel = "<index>", converter = Converters.Index.class, description = "Index shown by `outputs`.")
        int index;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
        boolean yes;

        Delete(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            return outputs.change(s -> {
                Output output = at(s, index, "Failed to delete output");
                context.confirmOrAbort("Are you sure that you want to delete output: (" + OutputText.describe(output) + ") ?", yes);
                return replace(s, index, null);
            });
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable an output.",
            footer = {"", "Example:", "  openwec subscriptions edit security outputs enable 0"})
    static final class Enable implements Callable<Integer> {
        @ParentCommand
        OutputsCommand outputs;

        @Parameters(paramLabel = "<index>", converter = Converters.Index.class, description = "Index shown by `outputs`.")
        int index;


        @Override
        public Integer call() {
            // The reference says "Failed to delete output" here; this says what failed.
            return outputs.change(s -> replace(s, index, at(s, index, "Failed to enable output").withEnabled(true)));
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable an output, after a confirmation.",
            footer = {"", "Example:", "  openwec subscriptions edit security outputs disable --yes 0"})
    static final class Disable implements Callable<Integer> {
        private final CliContext context;

        @ParentCommand
        OutputsCommand outputs;

        @Parameters(paramLabel = "<index>", converter = Converters.Index.class, description = "Index shown by `outputs`.")
        int index;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
        boolean yes;

        Disable(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            return outputs.change(s -> {
                Output output = at(s, index, "Failed to disable output");
                context.confirmOrAbort("Are you sure that you want to disable output : (" + OutputText.describe(output) + ") ?", yes);
                return replace(s, index, output.withEnabled(false));
            });
        }
    }
}
