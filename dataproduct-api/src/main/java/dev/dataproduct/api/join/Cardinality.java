package dev.dataproduct.api.join;

/**
 * How many rows of each side of a join share one key, as declared by the product and verified on
 * the data before any row is output: a side declared "one" must not have two rows with the same
 * (non-null) key, so that no row of the other side is fanned out and no measure counted twice.
 * A join whose both sides may repeat a key (many-to-many) is not offered: it is the fan-out this
 * check exists to prevent.
 */
public enum Cardinality {
    /** Each key at most once on each side. */
    ONE_TO_ONE(true, true),
    /** The left side may repeat a key; the right side has each key at most once (facts to a dimension). */
    MANY_TO_ONE(false, true),
    /** The left side has each key at most once; the right side may repeat it (a dimension to facts). */
    ONE_TO_MANY(true, false);

    private final boolean leftUnique;
    private final boolean rightUnique;

    Cardinality(boolean leftUnique, boolean rightUnique) {
        this.leftUnique = leftUnique;
        this.rightUnique = rightUnique;
    }

    /** @return whether the left side is declared to have each key at most once */
    public boolean leftUnique() {
        return leftUnique;
    }

    /** @return whether the right side is declared to have each key at most once */
    public boolean rightUnique() {
        return rightUnique;
    }
}
