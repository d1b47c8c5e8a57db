package io.jenkins.plugins.fathomable.core.engine;

/**
 * Where the engine reports progress: one line per poll pass, event and deployment. Lines never hold a secret;
 * the host decides where they go (standard error for {@code serve}, a logger in Jenkins).
 */
@FunctionalInterface
public interface EngineLog {

    void info(String line);

    static EngineLog none() {
        return line -> { };
    }
}
