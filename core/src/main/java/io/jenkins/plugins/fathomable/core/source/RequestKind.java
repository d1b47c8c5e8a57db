package io.jenkins.plugins.fathomable.core.source;

/** The kinds of HTTP request detection makes, counted so admins and benchmarks can see what a cycle costs. */
public enum RequestKind {
    /** {@code HEAD /v2/<name>/manifests/<tag>}: the digest of a tag, free of pull quotas. */
    HEAD_MANIFEST,
    /** {@code GET /v2/<name>/manifests/<tag>}: only when a registry omits {@code Docker-Content-Digest}. */
    GET_MANIFEST,
    /** {@code GET /v2/<name>/tags/list}, one per page. */
    TAGS_LIST,
    /** A bearer token fetched from a registry's token realm. */
    TOKEN,
    /** Any {@code /blobs/} request: detection never makes one; counted so a test can prove it. */
    BLOB,
    /** A GitHub API answer with a body (a cache miss: costs rate limit). */
    GITHUB_200,
    /** A GitHub API answer {@code 304 Not Modified} to a conditional request (free). */
    GITHUB_304,
    /** A GitHub API answer with an error status. */
    GITHUB_ERROR
}
