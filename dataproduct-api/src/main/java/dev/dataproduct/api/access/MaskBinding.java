package dev.dataproduct.api.access;

import java.util.Objects;

/**
 * A mask bound to a target: the fields the target names are shown through the mask unless a
 * grant unmasks them.
 *
 * @param target the fields
 * @param mask the mask
 */
public record MaskBinding(Target target, Mask mask) {
    /** Validates the components. */
    public MaskBinding {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mask, "mask");
    }
}
