package dev.dataproduct.api.join;

/**
 * What a join does when a side declared "one" by its {@link Cardinality} has a key more than once
 * in the data and the other side has that key too, so that joining would output a row of the other
 * side more than once. Either way the decision is taken before any row is output. A repeated key
 * that the other side lacks fans nothing out and is treated like any orphan.
 */
public enum OnDuplicateKey {
    /**
     * The join is refused: it fails with an error that gives the number of duplicated keys and
     * rows (never their values), and nothing is output.
     */
    REFUSE,
    /**
     * Every row, on both sides, whose key is duplicated on a side declared "one" is quarantined
     * with the reason, and the join goes on without them: the ambiguous keys produce no output row.
     */
    QUARANTINE
}
