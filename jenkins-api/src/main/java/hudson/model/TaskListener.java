package hudson.model;

import java.io.PrintStream;

/** Where a task writes its log. */
public interface TaskListener {

    PrintStream getLogger();
}
