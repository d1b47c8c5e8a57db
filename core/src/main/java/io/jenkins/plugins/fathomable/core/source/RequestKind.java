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
    /** A GitHub GraphQL query (one looks up the commits and blob ids of up to 100 trackers' files), whatever the answer. */
    GITHUB_GRAPHQL,
    /** A REST read of one file's content, sent only when its blob id changed, whatever the answer. */
    GITHUB_CONTENTS,
    /** A GitHub REST answer with a body (a cache miss: costs rate limit), on the per-tracker path of anonymous trackers. */
    GITHUB_200,
    /** A GitHub REST answer {@code 304 Not Modified} to a conditional request (free of the hourly limit only). */
    GITHUB_304,
    /**
     * A GitHub request answered with an error status, or not answered at all: on the REST path of anonymous trackers
     * instead of 200/304; for GraphQL queries and file reads in addition to their own kind.
     */
    GITHUB_ERROR
}
