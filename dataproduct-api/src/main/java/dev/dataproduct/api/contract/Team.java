package dev.dataproduct.api.contract;

import java.util.List;
import java.util.Map;

/**
 * The team behind a contract ({@code team} in ODCS). ODCS v3.1 writes it as an object with
 * members; v3.0 as a plain list of members, which {@link #listForm()} remembers.
 *
 * @param id a stable id; empty if none
 * @param name the team's name; empty if none
 * @param description what the team does; empty if none
 * @param members the members
 * @param tags free keywords
 * @param authoritativeDefinitions links to definitions
 * @param customProperties further properties
 * @param listForm whether the document gave the team as a v3.0 list of members
 * @param extensions fields ODCS does not define, kept and written back
 */
public record Team(String id, String name, String description, List<TeamMember> members, List<String> tags,
                   List<AuthoritativeDefinition> authoritativeDefinitions, List<CustomProperty> customProperties,
                   boolean listForm, Map<String, Object> extensions) {
    /** Normalises absent components to empty ones. */
    public Team {
        id = Texts.text(id);
        name = Texts.text(name);
        description = Texts.text(description);
        members = Texts.list(members);
        tags = Texts.list(tags);
        authoritativeDefinitions = Texts.list(authoritativeDefinitions);
        customProperties = Texts.list(customProperties);
        extensions = Texts.map(extensions);
    }
}
