package io.jenkins.plugins.fathomable.cli;

import io.jenkins.plugins.fathomable.cli.serve.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fathomable}: the engine for app teams and local use, without Jenkins. */
@Command(name = "fathomable", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Keeps Kubernetes applications in step with their code.",
        subcommands = {CommandLine.HelpCommand.class, ValidateCommand.class, RenderCommand.class, ServeCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
