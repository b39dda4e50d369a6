package dev.dataproduct.core.compat;

/**
 * How a change to a contract affects the contract's consumers and producers under one
 * {@link CompatibilityMode}, from most to least severe.
 */
public enum ChangeClass {
    /** Data or consumers the other version accepts can fail: needs a new major version. */
    BREAKING,
    /** Not provably breaking, but a person should look at it before it ships (needs a minor version). */
    NEEDS_REVIEW,
    /** Compatible: additions and loosenings (a minor version) or metadata (a patch). */
    NON_BREAKING;

    /**
     * @param other another class
     * @return the more severe of the two
     */
    public ChangeClass worse(ChangeClass other) {
        return other.ordinal() < ordinal() ? other : this;
    }
}
