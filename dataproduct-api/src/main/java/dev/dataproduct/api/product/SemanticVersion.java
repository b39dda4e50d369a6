package dev.dataproduct.api.product;

import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version {@code MAJOR.MINOR.PATCH[-PRERELEASE]}. A breaking change needs a new major
 * version.
 *
 * @param major the major version
 * @param minor the minor version
 * @param patch the patch version
 * @param preRelease the pre-release label, empty for a release
 */
public record SemanticVersion(int major, int minor, int patch, String preRelease)
        implements Comparable<SemanticVersion> {

    private static final Pattern FORMAT = Pattern.compile(
            "(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");
    private static final Comparator<SemanticVersion> ORDER = Comparator.comparingInt(SemanticVersion::major)
            .thenComparingInt(SemanticVersion::minor).thenComparingInt(SemanticVersion::patch)
            .thenComparing(SemanticVersion::preRelease, SemanticVersion::comparePreRelease);

    /** Validates the components. */
    public SemanticVersion {
        Objects.requireNonNull(preRelease, "preRelease");
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers must not be negative");
        }
    }

    /**
     * @param text a version such as {@code 1.2.0} or {@code 2.0.0-rc.1}
     * @return the version
     * @throws IllegalArgumentException if the text is not a semantic version
     */
    public static SemanticVersion parse(String text) {
        Matcher m = FORMAT.matcher(Objects.requireNonNull(text, "version"));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a semantic version MAJOR.MINOR.PATCH, "
                    + "such as 1.2.0");
        }
        return new SemanticVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(4) == null ? "" : m.group(4));
    }

    @Override
    public int compareTo(SemanticVersion other) {
        return ORDER.compare(this, other);
    }

    // semver.org item 11: a release outranks its pre-releases; identifiers compare one by one,
    // numeric ones numerically and below alphanumeric ones; a longer list outranks its prefix
    private static int comparePreRelease(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xNumeric = x[i].chars().allMatch(Character::isDigit);
            boolean yNumeric = y[i].chars().allMatch(Character::isDigit);
            int c;
            if (xNumeric && yNumeric) {
                c = new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]));
            } else if (xNumeric || yNumeric) {
                c = xNumeric ? -1 : 1;
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease);
    }
}
