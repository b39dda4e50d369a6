package dev.dataproduct.api.contract;

import java.util.List;
import java.util.Map;

/**
 * A member of the team behind a contract.
 *
 * @param id a stable id; empty if none
 * @param username the user name or e-mail address
 * @param name the person's name; empty if none
 * @param description what they do; empty if none
 * @param role such as {@code owner} or {@code data steward}; empty if none
 * @param dateIn when they joined, as written (ISO date); empty if none
 * @param dateOut when they left, as written; empty if none
 * @param replacedByUsername who replaced them; empty if none
 * @param tags free keywords
 * @param authoritativeDefinitions links to definitions
 * @param customProperties further properties
 * @param extensions fields ODCS does not define, kept and written back
 */
public record TeamMember(String id, String username, String name, String description, String role, String dateIn,
                         String dateOut, String replacedByUsername, List<String> tags,
                         List<AuthoritativeDefinition> authoritativeDefinitions,
                         List<CustomProperty> customProperties, Map<String, Object> extensions) {
    /** Normalises absent components to empty ones. */
    public TeamMember {
        id = Texts.text(id);
        username = Texts.text(username);
        name = Texts.text(name);
        description = Texts.text(description);
        role = Texts.text(role);
        dateIn = Texts.text(dateIn);
        dateOut = Texts.text(dateOut);
        replacedByUsername = Texts.text(replacedByUsername);
        tags = Texts.list(tags);
        authoritativeDefinitions = Texts.list(authoritativeDefinitions);
        customProperties = Texts.list(customProperties);
        extensions = Texts.map(extensions);
    }
}
