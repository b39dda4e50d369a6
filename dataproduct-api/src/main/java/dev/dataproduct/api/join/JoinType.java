package dev.dataproduct.api.join;

/**
 * Which rows a join keeps. There is no default: every join says which it is. A row whose key has
 * a null part matches nothing (SQL semantics) and is an orphan of its side.
 */
public enum JoinType {
    /** Only pairs of rows whose keys are equal; orphans of both sides are counted, not output. */
    INNER,
    /** Every row of the left side: its matches, or once with the right side's columns null if it has none. */
    LEFT,
    /** Every row of both sides: the pairs, then each orphan of either side with the other side's columns null. */
    FULL;

    /** @return whether the left side's orphans are output */
    public boolean keepsLeftOrphans() {
        return this != INNER;
    }

    /** @return whether the right side's orphans are output */
    public boolean keepsRightOrphans() {
        return this == FULL;
    }
}
