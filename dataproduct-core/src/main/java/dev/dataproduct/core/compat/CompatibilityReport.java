package dev.dataproduct.core.compat;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of a {@link CompatibilityChecker compatibility check}: every change found between two
 * versions of a contract, each classified under the check's mode, in the order of the contract.
 *
 * <pre>{@code
 * CompatibilityReport report = CompatibilityChecker.check(v1, v2, CompatibilityMode.BACKWARD);
 * if (report.isBreaking()) {
 *     report.breaking().forEach(System.out::println);
 * }
 * }</pre>
 *
 * @param mode the mode the changes were classified under
 * @param previousVersion the version checked against (the latest of a history); empty if the
 *     contract gives none
 * @param nextVersion the new version; empty if the contract gives none
 * @param changes every change found; empty when the versions say the same
 */
public record CompatibilityReport(CompatibilityMode mode, String previousVersion, String nextVersion,
                                  List<Change> changes) {
    /** Checks and copies the components. */
    public CompatibilityReport {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(previousVersion, "previousVersion");
        Objects.requireNonNull(nextVersion, "nextVersion");
        changes = List.copyOf(changes);
    }

    /** @return whether at least one change is {@link ChangeClass#BREAKING} */
    public boolean isBreaking() {
        return changes.stream().anyMatch(c -> c.changeClass() == ChangeClass.BREAKING);
    }

    /** @return whether no change was found at all */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** @return the breaking changes, in contract order */
    public List<Change> breaking() {
        return of(ChangeClass.BREAKING);
    }

    /** @return the changes a person should review, in contract order */
    public List<Change> needsReview() {
        return of(ChangeClass.NEEDS_REVIEW);
    }

    /** @return the compatible changes, in contract order */
    public List<Change> nonBreaking() {
        return of(ChangeClass.NON_BREAKING);
    }

    /**
     * @param changeClass a class
     * @return the changes of that class, in contract order
     */
    public List<Change> of(ChangeClass changeClass) {
        return changes.stream().filter(c -> c.changeClass() == changeClass).collect(Collectors.toUnmodifiableList());
    }

    /** @return the most severe class of any change; empty if there are no changes */
    public Optional<ChangeClass> worst() {
        return changes.stream().map(Change::changeClass).reduce(ChangeClass::worse);
    }
}
