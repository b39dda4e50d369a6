package dev.dataproduct.core.feature;

import dev.dataproduct.api.error.AccessDeniedException;
import java.util.List;

/**
 * A lookup of features by key was refused because the access policy masks or hides, for the
 * caller, a join key column of the entity: the caller could never name a key as stored, so every
 * key would answer {@code NOT_FOUND}, which would read as "no features" rather than "not for you".
 * The message names the key columns, never a key value or the policy's contents.
 */
public final class MaskedKeyException extends AccessDeniedException {
    private static final long serialVersionUID = 1L;
    private final List<String> keyColumns;

    /**
     * @param message what was refused and what to do
     * @param keyColumns the join key columns masked or hidden for the caller
     */
    public MaskedKeyException(String message, List<String> keyColumns) {
        super(message);
        this.keyColumns = List.copyOf(keyColumns);
    }

    /** @return the join key columns masked or hidden for the caller, in the entity's order */
    public List<String> keyColumns() {
        return keyColumns;
    }
}
