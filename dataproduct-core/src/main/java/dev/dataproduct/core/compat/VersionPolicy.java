package dev.dataproduct.core.compat;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.error.IncompatibleChangeException;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.product.SemanticVersion;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Enforces semantic versioning on contracts: the new version must be greater than the previous one,
 * by at least the {@link #requiredBump bump} its changes need.
 *
 * <ul>
 *   <li>a breaking change needs a new major version;</li>
 *   <li>a change to review, or a compatible change to what the contract accepts or promises (an
 *       optional property, a loosened bound, a widened type), needs a new minor version;</li>
 *   <li>changes to documentation only ({@code description-changed}, {@code metadata-changed}), or
 *       none at all, need a greater version: a patch is enough.</li>
 * </ul>
 *
 * <p>Versions {@code 0.y.z} get no exemption: a published contract is a promise from its first
 * version. From a pre-release, any later version of the same core allows every change (see
 * {@link VersionBump#allows}).
 *
 * <pre>{@code
 * CompatibilityReport report = VersionPolicy.check(published, candidate, CompatibilityMode.BACKWARD);
 * }</pre>
 */
public final class VersionPolicy {
    private VersionPolicy() {
    }

    /**
     * Checks a new version of a contract against the previous one.
     *
     * @param previous the published version
     * @param next the new version
     * @param mode the compatibility the contract keeps
     * @return the compatibility report, when the new version number allows every change in it
     * @throws IncompatibleChangeException if the new version is not greater than the previous one,
     *     or not by enough for its changes; the message lists every change that needs the bump and
     *     the lowest version that would allow them
     * @throws InvalidDefinitionException if either version is not a semantic version
     * @throws IllegalArgumentException if the two contracts give different ids
     */
    public static CompatibilityReport check(DataContract previous, DataContract next, CompatibilityMode mode) {
        return check(List.of(previous), next, mode);
    }

    /**
     * Checks a new version of a contract against its history (every earlier version with a transitive
     * mode, otherwise the latest); the version number must be greater than the latest.
     *
     * @param history the published versions, oldest first
     * @param next the new version
     * @param mode the compatibility the contract keeps
     * @return the compatibility report, when the new version number allows every change in it
     * @throws IncompatibleChangeException if the new version is not greater than the latest, or not
     *     by enough for its changes
     * @throws InvalidDefinitionException if the latest or the new version is not a semantic version
     * @throws IllegalArgumentException if the history is empty or the contracts give different ids
     */
    public static CompatibilityReport check(List<DataContract> history, DataContract next, CompatibilityMode mode) {
        CompatibilityReport report = CompatibilityChecker.check(history, next, mode);
        DataContract latest = history.get(history.size() - 1);
        if (!latest.id().isEmpty() && !next.id().isEmpty() && !latest.id().equals(next.id())) {
            throw new IllegalArgumentException("cannot compare versions of different contracts: '" + latest.id()
                    + "' and '" + next.id() + "'");
        }
        SemanticVersion from = version(latest);
        SemanticVersion to = version(next);
        VersionBump bump = requiredBump(report);
        if (!bump.allows(from, to)) {
            throw new IncompatibleChangeException(message(next, from, to, report, bump));
        }
        return report;
    }

    /**
     * @param report a compatibility report
     * @return the least bump that allows every change in it
     */
    public static VersionBump requiredBump(CompatibilityReport report) {
        if (report.isBreaking()) {
            return VersionBump.MAJOR;
        }
        return needing(report, VersionBump.MINOR).isEmpty() ? VersionBump.PATCH : VersionBump.MINOR;
    }

    /** @return the changes that need this bump: breaking ones for a major, the rest but documentation for a minor */
    static List<Change> needing(CompatibilityReport report, VersionBump bump) {
        switch (bump) {
            case MAJOR: return report.breaking();
            case MINOR: return report.changes().stream().filter(c -> c.changeClass() != ChangeClass.BREAKING
                    && !Rule.ofId(c.ruleId()).map(Rule::isMetadata).orElse(false)).collect(Collectors.toList());
            default: return List.of();
        }
    }

    private static String message(DataContract next, SemanticVersion from, SemanticVersion to,
                                  CompatibilityReport report, VersionBump bump) {
        StringBuilder sb = new StringBuilder(Findings.capitalised(subject(next))).append(": ");
        List<Change> needing = needing(report, bump);
        if (to.compareTo(from) <= 0) {
            sb.append("version ").append(to).append(" is not greater than the previous version ").append(from);
        } else {
            sb.append(needing.size()).append(needing.size() == 1 ? " change" : " changes").append(" from ")
                    .append(from).append(" to ").append(to).append(bump == VersionBump.MAJOR
                            ? " break consumers under " + report.mode() + " compatibility"
                            : " add to or change what the contract accepts or promises")
                    .append(", which needs a new ").append(bump.label()).append(" version");
        }
        sb.append(": publish it as ").append(bump.after(from)).append(" (or a later ").append(bump.label())
                .append(" version).");
        for (Change c : needing) {
            sb.append("\n  - ").append(c);
        }
        return sb.toString();
    }

    static String subject(DataContract c) {
        String name = c.name().isEmpty() ? c.id() : c.name();
        return "contract" + (name.isEmpty() ? "" : " '" + name + "'")
                + (c.id().isEmpty() || c.id().equals(name) ? "" : " (id " + c.id() + ")");
    }

    private static SemanticVersion version(DataContract c) {
        try {
            return SemanticVersion.parse(c.version());
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinitionException(subject(c), List.of("version: " + e.getMessage()));
        }
    }
}
