package io.jenkins.plugins.fathomable.jenkinsjars;

import java.util.Objects;

/** Maven coordinates of one artifact, and where Maven keeps it in a local repository. */
record Coordinates(String groupId, String artifactId, String version) implements Comparable<Coordinates> {

    Coordinates {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(version, "version");
    }

    /** {@code org/jenkins-ci/main/jenkins-core/2.541.2/jenkins-core-2.541.2.jar} for extension {@code jar}. */
    String path(String extension) {
        return groupId.replace('.', '/') + '/' + artifactId + '/' + version + '/' + fileName(extension);
    }

    String fileName(String extension) {
        return artifactId + '-' + version + '.' + extension;
    }

    @Override
    public int compareTo(Coordinates other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return groupId + ':' + artifactId + ':' + version;
    }
}
