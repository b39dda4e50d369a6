package dev.dataproduct.core.compat;

/**
 * A change as the checker finds it, before a mode picks its class: described from the new version's
 * point of view, with its class under BACKWARD and under FORWARD.
 */
record Finding(Rule rule, String path, ChangeClass backward, ChangeClass forward, String description) {

    Change under(CompatibilityMode mode) {
        ChangeClass c;
        switch (mode.direction()) {
            case BACKWARD: c = backward; break;
            case FORWARD: c = forward; break;
            default: c = backward.worse(forward); break;
        }
        return new Change(rule.id(), path, c, description);
    }
}
