package org.openwec.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openwec.app.format.OutputRules;
import org.openwec.core.model.Output;
import org.openwec.core.model.OutputDriver;
import org.openwec.core.model.OutputFormat;
import org.openwec.core.model.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code outputs add -f <format> <driver> ...}: appends an enabled output. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add an enabled output: a format, then a driver with its settings.",
        subcommands = {OutputsAddCommand.Tcp.class, OutputsAddCommand.Redis.class, OutputsAddCommand.Kafka.class,
                OutputsAddCommand.Files.class, OutputsAddCommand.UnixDatagram.class},
        footer = {"", "Examples:",
                "  openwec subscriptions edit security outputs add --format raw files '/var/log/openwec/{ip}/{client}/messages'",
                "  openwec subscriptions edit security outputs add -f json kafka openwec -o bootstrap.servers localhost:9092",
                "  openwec subscriptions edit security outputs add -f json tcp siem.example.org 5000"})
final class OutputsAddCommand implements Callable<Integer> {
    @ParentCommand
    OutputsCommand outputs;

    @Spec
    CommandSpec spec;

    /** Checked when a driver runs, not by picocli: a required option here would refuse `add tcp --help`. */
    @Option(names = {"-f", "--format"}, paramLabel = "<FORMAT>",
            converter = Converters.OutputFormatName.class, completionCandidates = Converters.OutputFormatNames.class,
            description = "How events are written (required): ${COMPLETION-CANDIDATES}.")
    OutputFormat format;


    @Override
    public Integer call() {
        throw new UserError("Failed to add output: Missing output type (tcp, redis, kafka, files or unixdatagram).");
    }

    int add(OutputDriver driver) {
        if (format == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--format=<FORMAT>'");
        }
        return outputs.change(s -> {
            List<Output> list = new ArrayList<>(s.outputs());
            list.add(new Output(format, driver, true));
            return s.withOutputs(list);
        });
    }

    @Command(name = "tcp", mixinStandardHelpOptions = true, description = "Send events to a TCP server (no TLS; use a file for TLS).",
            footer = {"", "Example:", "  openwec subscriptions edit security outputs add -f json tcp siem.example.org 5000"})
    static final class Tcp implements Callable<Integer> {
        @ParentCommand
        OutputsAddCommand add;

        @Parameters(index = "0", paramLabel = "<addr>", description = "Host name or IP address.")
        String addr;

        @Parameters(index = "1", paramLabel = "<port>", converter = Converters.U16.class, description = "TCP port.")
        int port;


        @Override
        public Integer call() {
            return add.add(OutputRules.tcp(addr, port, false, List.of(), null, null, "tcp output"));
        }
    }

    @Command(name = "redis", mixinStandardHelpOptions = true, description = "Push events to a Redis list.",
            footer = {"", "Example:", "  openwec subscriptions edit security outputs add -f json redis localhost openwec"})
    static final class Redis implements Callable<Integer> {
        @ParentCommand
        OutputsAddCommand add;

        @Parameters(index = "0", paramLabel = "<addr>", description = "Redis server address.")
        String addr;

        @Parameters(index = "1", paramLabel = "<list>", description = "Name of the list.")
        String list;


        @Override
        public Integer call() {
            return add.add(new OutputDriver.Redis(addr, list));
        }
    }

    @Command(name = "kafka", mixinStandardHelpOptions = true,
            description = {"Send events to a Kafka topic.",
                    "Without -o the producer of the collector's settings ([outputs.kafka] options) is used."},
            footer = {"", "Example:", "  openwec subscriptions edit security outputs add -f json kafka openwec -o bootstrap.servers localhost:9092"})
    static final class Kafka implements Callable<Integer> {
        @ParentCommand
        OutputsAddCommand add;

        @Parameters(paramLabel = "<topic>", description = "Topic (several, comma-separated, spread events).")
        String topic;

        @Option(names = {"-o", "--option"}, arity = "2", paramLabel = "<KEY> <VALUE>",
                description = "A librdkafka option; repeat for more (a later key wins).")
        List<String> options = new ArrayList<>();


        /** Unlike the reference, which panics, no option at all means the shared producer. */
        @Override
        public Integer call() {
            Map<String, String> pairs = new LinkedHashMap<>();
            for (int i = 0; i + 1 < options.size(); i += 2) {
                pairs.put(options.get(i), options.get(i + 1));
            }
            return add.add(new OutputDriver.Kafka(topic, pairs));
        }
    }

    @Command(name = "files", mixinStandardHelpOptions = true,
            description = "Write events to files; {ip}, {ip:N}, {client} and {node} in the path are replaced.",
            footer = {"", "Example:", "  openwec subscriptions edit security outputs add -f raw files '/var/log/openwec/{ip}/{client}/messages'"})
    static final class Files implements Callable<Integer> {
        @ParentCommand
        OutputsAddCommand add;

        @Parameters(paramLabel = "<path>", description = "Path template of the files.")
        String path;


        @Override
        public Integer call() {
            return add.add(new OutputDriver.Files(path));
        }
    }

    @Command(name = "unixdatagram", mixinStandardHelpOptions = true, description = "Send events to a Unix datagram socket.",
            footer = {"", "Example:", "  openwec subscriptions edit security outputs add -f json unixdatagram /run/openwec.socket"})
    static final class UnixDatagram implements Callable<Integer> {
        @ParentCommand
        OutputsAddCommand add;

        @Parameters(paramLabel = "<path>", description = "Path of the socket.")
        String path;


        @Override
        public Integer call() {
            return add.add(new OutputDriver.UnixDatagram(path));
        }
    }
}
