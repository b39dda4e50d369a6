package dev.dataproduct.api.contract;

import java.util.List;
import java.util.Map;

/**
 * What a contract's data is for and how not to use it ({@code description} in ODCS).
 *
 * @param purpose what the data is for
 * @param limitations what it must not be used for, or is not good for
 * @param usage how to use it
 * @param authoritativeDefinitions links to definitions
 * @param customProperties further properties
 * @param extensions fields ODCS does not define, kept and written back
 */
public record ContractDescription(String purpose, String limitations, String usage,
                                  List<AuthoritativeDefinition> authoritativeDefinitions,
                                  List<CustomProperty> customProperties, Map<String, Object> extensions) {
    /** An empty description. */
    public static final ContractDescription EMPTY = new ContractDescription("", "", "", List.of(), List.of(), Map.of());

    /** Normalises absent components to empty ones. */
    public ContractDescription {
        purpose = Texts.text(purpose);
        limitations = Texts.text(limitations);
        usage = Texts.text(usage);
        authoritativeDefinitions = Texts.list(authoritativeDefinitions);
        customProperties = Texts.list(customProperties);
        extensions = Texts.map(extensions);
    }
}
