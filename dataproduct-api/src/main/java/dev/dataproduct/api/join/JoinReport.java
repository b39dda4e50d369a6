package dev.dataproduct.api.join;

import java.util.Objects;

/**
 * What one join did with the rows of each side. For each side, rows = matched + orphans +
 * quarantined: nothing is lost, and the orphans (keys that matched nothing, null keys among them)
 * are counted whether or not the join type outputs them.
 *
 * @param left the left side: an input, or the inputs joined so far as {@code a x b}
 * @param right the right side's input
 * @param key the conformed key joined on (or the key columns, for a join on columns)
 * @param type the join type
 * @param cardinality the declared cardinality, verified on the data
 * @param leftSide what happened to the left side's rows
 * @param rightSide what happened to the right side's rows
 * @param outputRows the rows the join output
 */
public record JoinReport(String left, String right, String key, JoinType type, Cardinality cardinality,
                         Side leftSide, Side rightSide, long outputRows) {

    /** Validates the components. */
    public JoinReport {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(cardinality, "cardinality");
        Objects.requireNonNull(leftSide, "leftSide");
        Objects.requireNonNull(rightSide, "rightSide");
    }

    /**
     * What happened to the rows of one side of a join.
     *
     * @param rows the rows read
     * @param matched the rows that matched at least one row of the other side
     * @param orphans the rows that matched nothing, the null-key rows included
     * @param nullKeys the orphans with a null in a key column
     * @param quarantined the rows quarantined because their key is duplicated on a side declared "one"
     * @param duplicateKeys the distinct keys this side has more than once although declared "one",
     *     and the other side has too (the keys that would fan out); 0 for a side declared "many"
     */
    public record Side(long rows, long matched, long orphans, long nullKeys, long quarantined, long duplicateKeys) {
        /** Checks that the counts add up. */
        public Side {
            if (rows != matched + orphans + quarantined || nullKeys > orphans || Math.min(Math.min(rows, matched),
                    Math.min(Math.min(orphans, nullKeys), Math.min(quarantined, duplicateKeys))) < 0) {
                throw new IllegalArgumentException("the counts of a join side do not add up: rows " + rows
                        + " != matched " + matched + " + orphans " + orphans + " + quarantined " + quarantined
                        + " (null keys " + nullKeys + ")");
            }
        }
    }

    /** @return a one-line summary, such as {@code attendance x students on student (LEFT, MANY_TO_ONE): ...} */
    public String summary() {
        return left + " x " + right + " on " + key + " (" + type + ", " + cardinality + "): " + outputRows
                + " rows out; left " + leftSide.rows() + " rows, " + leftSide.matched() + " matched, "
                + leftSide.orphans() + " orphans (" + leftSide.nullKeys() + " null keys), " + leftSide.quarantined()
                + " quarantined; right " + rightSide.rows() + " rows, " + rightSide.matched() + " matched, "
                + rightSide.orphans() + " orphans (" + rightSide.nullKeys() + " null keys), "
                + rightSide.quarantined() + " quarantined";
    }
}
