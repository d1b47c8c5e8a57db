package hudson.model;

import java.io.PrintStream;

/** Where a build or task writes its log. */
public interface TaskListener {

    PrintStream getLogger();
}
