package dev.dataproduct.core.compat;

import java.util.Objects;

/**
 * One difference between two versions of a contract, classified under a {@link CompatibilityMode}.
 *
 * @param ruleId the stable id of the rule that found it, such as {@code property-removed}; the
 *     package documentation lists them
 * @param path where it is, by names: {@code schema[orders].properties[address].properties[zip]}
 * @param changeClass how it affects consumers under the mode of the check
 * @param description one sentence saying what changed, from the new version's point of view
 */
public record Change(String ruleId, String path, ChangeClass changeClass, String description) {
    /** Checks that no component is null or blank. */
    public Change {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(changeClass, "changeClass");
        Objects.requireNonNull(description, "description");
        if (ruleId.isBlank() || path.isBlank()) {
            throw new IllegalArgumentException("a change needs a rule id and a path");
        }
    }

    /** @return {@code ruleId at path: description}, as in messages */
    @Override
    public String toString() {
        return ruleId + " at " + path + ": " + description;
    }
}
