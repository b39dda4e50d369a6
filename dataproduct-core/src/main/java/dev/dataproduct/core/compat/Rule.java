package dev.dataproduct.core.compat;

import static dev.dataproduct.core.compat.ChangeClass.BREAKING;
import static dev.dataproduct.core.compat.ChangeClass.NEEDS_REVIEW;
import static dev.dataproduct.core.compat.ChangeClass.NON_BREAKING;

import java.util.Arrays;
import java.util.Optional;

/**
 * The rules of the checker with their stable ids and their usual classes under BACKWARD and under
 * FORWARD. The FORWARD class of a rule is the BACKWARD class of the opposite change (widened and
 * narrowed, added and removed); a few rules adjust both per change, as the package documentation
 * says.
 */
enum Rule {
    OBJECT_REMOVED("object-removed", BREAKING, NON_BREAKING),
    OBJECT_ADDED("object-added", NON_BREAKING, BREAKING),
    OBJECT_RENAMED("object-renamed", BREAKING, BREAKING),
    PROPERTY_REMOVED("property-removed", BREAKING, NON_BREAKING),
    PROPERTY_ADDED_REQUIRED("property-added-required", BREAKING, BREAKING),
    PROPERTY_ADDED_OPTIONAL("property-added-optional", NON_BREAKING, BREAKING),
    PROPERTY_RENAMED("property-renamed", BREAKING, BREAKING),
    PHYSICAL_NAME_CHANGED("physical-name-changed", BREAKING, BREAKING),
    TYPE_CHANGED("type-changed", BREAKING, BREAKING),
    TYPE_WIDENED("type-widened", NON_BREAKING, BREAKING),
    TYPE_NARROWED("type-narrowed", BREAKING, NON_BREAKING),
    PHYSICAL_TYPE_CHANGED("physical-type-changed", NEEDS_REVIEW, NEEDS_REVIEW),
    REQUIRED_ADDED("required-added", BREAKING, NEEDS_REVIEW),
    REQUIRED_REMOVED("required-removed", NEEDS_REVIEW, BREAKING),
    UNIQUE_ADDED("unique-added", BREAKING, NEEDS_REVIEW),
    UNIQUE_REMOVED("unique-removed", NEEDS_REVIEW, BREAKING),
    PRIMARY_KEY_CHANGED("primary-key-changed", BREAKING, BREAKING),
    PARTITIONING_CHANGED("partitioning-changed", NEEDS_REVIEW, NEEDS_REVIEW),
    MINIMUM_RAISED("minimum-raised", BREAKING, NON_BREAKING),
    MINIMUM_LOWERED("minimum-lowered", NON_BREAKING, BREAKING),
    MAXIMUM_LOWERED("maximum-lowered", BREAKING, NON_BREAKING),
    MAXIMUM_RAISED("maximum-raised", NON_BREAKING, BREAKING),
    EXCLUSIVE_BOUND_TIGHTENED("exclusive-bound-tightened", BREAKING, NON_BREAKING),
    EXCLUSIVE_BOUND_LOOSENED("exclusive-bound-loosened", NON_BREAKING, BREAKING),
    BOUND_CHANGED("bound-changed", BREAKING, BREAKING),
    MIN_LENGTH_RAISED("min-length-raised", BREAKING, NON_BREAKING),
    MIN_LENGTH_LOWERED("min-length-lowered", NON_BREAKING, BREAKING),
    MAX_LENGTH_LOWERED("max-length-lowered", BREAKING, NON_BREAKING),
    MAX_LENGTH_RAISED("max-length-raised", NON_BREAKING, BREAKING),
    MIN_ITEMS_RAISED("min-items-raised", BREAKING, NON_BREAKING),
    MIN_ITEMS_LOWERED("min-items-lowered", NON_BREAKING, BREAKING),
    MAX_ITEMS_LOWERED("max-items-lowered", BREAKING, NON_BREAKING),
    MAX_ITEMS_RAISED("max-items-raised", NON_BREAKING, BREAKING),
    PATTERN_ADDED("pattern-added", BREAKING, NON_BREAKING),
    PATTERN_REMOVED("pattern-removed", NON_BREAKING, BREAKING),
    PATTERN_CHANGED("pattern-changed", BREAKING, BREAKING),
    FORMAT_ADDED("format-added", BREAKING, NON_BREAKING),
    FORMAT_REMOVED("format-removed", NON_BREAKING, BREAKING),
    FORMAT_CHANGED("format-changed", BREAKING, BREAKING),
    OPTION_CHANGED("option-changed", NEEDS_REVIEW, NEEDS_REVIEW),
    ALLOWED_VALUES_REMOVED("allowed-values-removed", BREAKING, NON_BREAKING),
    ALLOWED_VALUES_ADDED("allowed-values-added", NON_BREAKING, BREAKING),
    QUALITY_THRESHOLD_STRICTER("quality-threshold-stricter", BREAKING, NON_BREAKING),
    QUALITY_THRESHOLD_LOOSER("quality-threshold-looser", NON_BREAKING, BREAKING),
    QUALITY_THRESHOLD_CHANGED("quality-threshold-changed", BREAKING, BREAKING),
    QUALITY_SEVERITY_RAISED("quality-severity-raised", BREAKING, NON_BREAKING),
    QUALITY_SEVERITY_LOWERED("quality-severity-lowered", NON_BREAKING, BREAKING),
    QUALITY_RULE_ADDED("quality-rule-added", BREAKING, NON_BREAKING),
    QUALITY_RULE_REMOVED("quality-rule-removed", NON_BREAKING, BREAKING),
    QUALITY_RULE_CHANGED("quality-rule-changed", BREAKING, BREAKING),
    RELATIONSHIP_ADDED("relationship-added", BREAKING, NON_BREAKING),
    RELATIONSHIP_REMOVED("relationship-removed", NON_BREAKING, BREAKING),
    SLA_STRICTER("sla-stricter", BREAKING, NEEDS_REVIEW),
    SLA_LOOSER("sla-looser", NEEDS_REVIEW, BREAKING),
    SLA_ADDED("sla-added", BREAKING, NEEDS_REVIEW),
    SLA_REMOVED("sla-removed", NEEDS_REVIEW, BREAKING),
    SLA_CHANGED("sla-changed", NEEDS_REVIEW, NEEDS_REVIEW),
    CLASSIFICATION_MORE_RESTRICTIVE("classification-more-restrictive", BREAKING, NEEDS_REVIEW),
    CLASSIFICATION_LESS_RESTRICTIVE("classification-less-restrictive", NEEDS_REVIEW, BREAKING),
    CLASSIFICATION_CHANGED("classification-changed", NEEDS_REVIEW, NEEDS_REVIEW),
    GRANULARITY_CHANGED("granularity-changed", NEEDS_REVIEW, NEEDS_REVIEW),
    SERVER_REMOVED("server-removed", BREAKING, NON_BREAKING),
    SERVER_ADDED("server-added", NON_BREAKING, BREAKING),
    SERVER_CHANGED("server-changed", NEEDS_REVIEW, NEEDS_REVIEW),
    ROLES_CHANGED("roles-changed", NEEDS_REVIEW, NEEDS_REVIEW),
    STATUS_CHANGED("status-changed", NEEDS_REVIEW, NEEDS_REVIEW),
    DESCRIPTION_CHANGED("description-changed", NON_BREAKING, NON_BREAKING),
    METADATA_CHANGED("metadata-changed", NON_BREAKING, NON_BREAKING),
    MISSPELT_KEY("misspelt-key", NEEDS_REVIEW, NEEDS_REVIEW);

    private final String id;
    private final ChangeClass backward;
    private final ChangeClass forward;

    Rule(String id, ChangeClass backward, ChangeClass forward) {
        this.id = id;
        this.backward = backward;
        this.forward = forward;
    }

    String id() {
        return id;
    }

    ChangeClass backward() {
        return backward;
    }

    ChangeClass forward() {
        return forward;
    }

    /** @return whether the rule only ever reports documentation, which a patch version may change */
    boolean isMetadata() {
        return this == DESCRIPTION_CHANGED || this == METADATA_CHANGED;
    }

    static Optional<Rule> ofId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
