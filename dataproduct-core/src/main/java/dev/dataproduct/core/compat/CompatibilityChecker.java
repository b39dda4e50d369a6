package dev.dataproduct.core.compat;

import dev.dataproduct.api.contract.DataContract;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Finds and classifies every difference between versions of a data contract. The rules, their ids
 * and the meaning of each {@link CompatibilityMode} are listed in the
 * {@linkplain dev.dataproduct.core.compat package documentation}.
 *
 * <pre>{@code
 * CompatibilityReport report = CompatibilityChecker.check(v1, v2, CompatibilityMode.BACKWARD);
 * report.breaking().forEach(c -> System.out.println(c.path() + ": " + c.description()));
 * }</pre>
 */
public final class CompatibilityChecker {
    private CompatibilityChecker() {
    }

    /**
     * Compares a new version of a contract with the previous one. A transitive mode with one previous
     * version is the same as its plain mode.
     *
     * @param previous the version consumers use now
     * @param next the new version
     * @param mode which direction of compatibility to classify changes for
     * @return every change, in contract order; empty if the versions say the same
     * @throws NullPointerException if an argument is null
     */
    public static CompatibilityReport check(DataContract previous, DataContract next, CompatibilityMode mode) {
        return check(List.of(previous), next, mode);
    }

    /**
     * Compares a new version of a contract with a history of earlier versions: with a transitive mode
     * against every version of the history, otherwise against the latest only. A change found against
     * several versions is reported once; one found only against an older version names that version.
     *
     * @param history the earlier versions, oldest first
     * @param next the new version
     * @param mode which direction of compatibility to classify changes for
     * @return every change, against the latest version first
     * @throws IllegalArgumentException if the history is empty
     * @throws NullPointerException if an argument or a version in the history is null
     */
    public static CompatibilityReport check(List<DataContract> history, DataContract next, CompatibilityMode mode) {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(mode, "mode");
        if (history.isEmpty()) {
            throw new IllegalArgumentException("the history of a contract needs at least one earlier version");
        }
        DataContract latest = Objects.requireNonNull(history.get(history.size() - 1), "history");
        List<Change> changes = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        int oldest = mode.isTransitive() ? 0 : history.size() - 1;
        for (int i = history.size() - 1; i >= oldest; i--) {
            DataContract earlier = Objects.requireNonNull(history.get(i), "history");
            for (Finding finding : ContractDiff.compare(earlier, next)) {
                Change change = finding.under(mode);
                if (seen.add(List.of(change.ruleId(), change.path(), change.changeClass()))) {
                    changes.add(earlier == latest ? change : new Change(change.ruleId(), change.path(),
                            change.changeClass(), change.description() + " (compared with version "
                            + (earlier.version().isEmpty() ? "#" + (i + 1) : earlier.version()) + ")"));
                }
            }
        }
        return new CompatibilityReport(mode, latest.version(), next.version(), changes);
    }
}
