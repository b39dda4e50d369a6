package dev.dataproduct.api.join;

/**
 * What a join does with a non-key column name that both sides have. The key columns appear once,
 * under the left side's names.
 */
public enum Collisions {
    /** The join fails with an error naming the columns both sides have. */
    REFUSE,
    /**
     * Both columns are output, each renamed to {@code <input>_<column>} (a {@code -} of the
     * input's name becomes {@code _}); a name that still collides is refused.
     */
    QUALIFY
}
