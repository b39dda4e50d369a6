package dev.dataproduct.core.compat;

import dev.dataproduct.api.product.SemanticVersion;

/**
 * How much a contract's semantic version must grow for a set of changes, from least to most.
 */
public enum VersionBump {
    /** Documentation only, or nothing: any greater version, such as 1.2.0 to 1.2.1. */
    PATCH,
    /** Compatible additions and changes to review: a new minor version, such as 1.2.0 to 1.3.0. */
    MINOR,
    /** Breaking changes: a new major version, such as 1.2.0 to 2.0.0. */
    MAJOR;

    /**
     * Whether going from one version to another is at least this bump. The new version must be
     * greater in any case. A pre-release makes no promise (semver item 9), so from
     * {@code 2.0.0-rc.1} any later version with the same {@code 2.0.0} core, release or not, allows
     * every change.
     *
     * @param previous the previous version
     * @param next the new version
     * @return whether {@code next} is enough
     */
    public boolean allows(SemanticVersion previous, SemanticVersion next) {
        if (next.compareTo(previous) <= 0) {
            return false;
        }
        if (!previous.preRelease().isEmpty() && sameCore(previous, next)) {
            return true;
        }
        switch (this) {
            case MAJOR: return next.major() > previous.major();
            case MINOR: return next.major() > previous.major()
                    || next.major() == previous.major() && next.minor() > previous.minor();
            default: return true;
        }
    }

    /**
     * @param previous the previous version
     * @return the lowest release this bump allows: {@code 2.0.0}, {@code 1.3.0} or {@code 1.2.1}
     *     after {@code 1.2.0}; the release of a pre-release's core after a pre-release
     */
    public SemanticVersion after(SemanticVersion previous) {
        if (!previous.preRelease().isEmpty()) {
            return new SemanticVersion(previous.major(), previous.minor(), previous.patch(), "");
        }
        switch (this) {
            case MAJOR: return new SemanticVersion(previous.major() + 1, 0, 0, "");
            case MINOR: return new SemanticVersion(previous.major(), previous.minor() + 1, 0, "");
            default: return new SemanticVersion(previous.major(), previous.minor(), previous.patch() + 1, "");
        }
    }

    /** @return the lower-case name, as in {@code a major version} */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean sameCore(SemanticVersion a, SemanticVersion b) {
        return a.major() == b.major() && a.minor() == b.minor() && a.patch() == b.patch();
    }
}
