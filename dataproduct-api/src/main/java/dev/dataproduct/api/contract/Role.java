package dev.dataproduct.api.contract;

import java.util.List;
import java.util.Map;

/**
 * An access role to the data and who approves it ({@code roles} in ODCS).
 *
 * @param id a stable id; empty if none
 * @param role the role's name, such as an IAM role
 * @param description what it grants; empty if none
 * @param access such as {@code read} or {@code write}; empty if none
 * @param firstLevelApprovers who approves first; empty if none
 * @param secondLevelApprovers who approves second; empty if none
 * @param customProperties further properties
 * @param extensions fields ODCS does not define, kept and written back
 */
public record Role(String id, String role, String description, String access, String firstLevelApprovers,
                   String secondLevelApprovers, List<CustomProperty> customProperties, Map<String, Object> extensions) {
    /** Normalises absent components to empty ones. */
    public Role {
        id = Texts.text(id);
        role = Texts.text(role);
        description = Texts.text(description);
        access = Texts.text(access);
        firstLevelApprovers = Texts.text(firstLevelApprovers);
        secondLevelApprovers = Texts.text(secondLevelApprovers);
        customProperties = Texts.list(customProperties);
        extensions = Texts.map(extensions);
    }
}
