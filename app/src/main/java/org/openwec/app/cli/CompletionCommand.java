package org.openwec.app.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code openwec completion bash|zsh}: the completion script, generated from the command model so that
 * it never lags behind the commands. picocli's script serves zsh too, through bashcompinit.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for openwec, generated from its commands.",
                "bash: source it, or save it as /etc/bash_completion.d/openwec.",
                "zsh: the same script, run through zsh's bashcompinit (it loads it by itself); source it from ~/.zshrc."},
        footer = {"", "Examples:", "  source <(openwec completion bash)",
                "  openwec completion zsh > ~/.openwec-completion.zsh && echo 'source ~/.openwec-completion.zsh' >> ~/.zshrc"})
final class CompletionCommand implements Callable<Integer> {
    private final CliContext context;

    /** Constant names are what users type. */
    enum Shell { bash, zsh }

    @Parameters(paramLabel = "<shell>", description = "${COMPLETION-CANDIDATES}")
    Shell shell;

    @Spec
    CommandSpec spec;

    CompletionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String script = AutoComplete.bash("openwec", spec.root().commandLine());
        if (shell == Shell.zsh) {
            context.out.println("# openwec completion for zsh: picocli's bash script, loaded through bashcompinit.");
        }
        context.out.print(script);
        context.out.flush();
        return 0;
    }
}
