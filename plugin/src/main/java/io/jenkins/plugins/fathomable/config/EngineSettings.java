package io.jenkins.plugins.fathomable.config;

import io.jenkins.plugins.fathomable.core.deploy.ClusterConfig;
import io.jenkins.plugins.fathomable.core.release.FlowConfig;
import io.jenkins.plugins.fathomable.core.source.github.GitHubLimits;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryConfig;
import java.util.Map;
import java.util.Set;

/**
 * The validated settings an engine is built from (trackers and the poll interval are read live instead). A value:
 * when it changes, the engine is rebuilt.
 *
 * @param githubApiUrl    the GitHub API endpoint
 * @param registries      credentials ids and limits per registry host
 * @param allowedHosts    registry hosts that may be contacted; empty: any
 * @param flow            the environments, in order
 * @param clusters        how to reach each environment's cluster, by cluster reference
 * @param github          the GitHub request budget per credential
 */
public record EngineSettings(String githubApiUrl, RegistryConfig registries, Set<String> allowedHosts, FlowConfig flow,
        Map<String, ClusterConfig> clusters, GitHubLimits github) {

    public EngineSettings {
        allowedHosts = Set.copyOf(allowedHosts);
        clusters = Map.copyOf(clusters);
        java.util.Objects.requireNonNull(github, "github");
    }

    /** With GitHub's default request budget. */
    public EngineSettings(String githubApiUrl, RegistryConfig registries, Set<String> allowedHosts, FlowConfig flow,
            Map<String, ClusterConfig> clusters) {
        this(githubApiUrl, registries, allowedHosts, flow, clusters, GitHubLimits.DEFAULT);
    }
}
