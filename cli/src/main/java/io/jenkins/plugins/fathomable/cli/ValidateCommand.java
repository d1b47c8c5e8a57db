package io.jenkins.plugins.fathomable.cli;

import io.jenkins.plugins.fathomable.core.spec.ParseResult;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fathomable validate FILE...}: checks files against the fathomable.yaml v1 format. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks fathomable.yaml files and prints every problem, one per line.",
                "Exit status: 0 when all are valid, 1 when any is not."})
public final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "fathomable.yaml files to check")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allValid = true;
        for (Path file : files) {
            ParseResult result = SpecFiles.parse(file);
            if (result.isValid()) {
                out.println(file + ": valid");
            } else {
                allValid = false;
                for (FieldError e : result.errors()) {
                    err.println(file + ": " + e);
                }
            }
        }
        out.flush();
        err.flush();
        return allValid ? 0 : 1;
    }
}
