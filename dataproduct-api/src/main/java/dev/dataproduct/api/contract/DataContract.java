package dev.dataproduct.api.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A data contract in the shape of the Open Data Contract Standard (ODCS) v3.1: the schema of the
 * data, its meaning, quality rules, service levels, servers, roles, team, support and price. The
 * core runtime reads and writes it as ODCS YAML or JSON without loss: fields the SDK does not model
 * are kept in {@code extensions} and written back.
 *
 * @param apiVersion the ODCS version, such as {@code v3.1.0}
 * @param kind {@code DataContract}
 * @param id the contract's stable id, such as a UUID
 * @param version the contract's semantic version
 * @param status such as {@code draft}, {@code active}, {@code deprecated} or {@code retired}
 * @param name the contract's name; empty if none
 * @param domain the owning domain; empty if none
 * @param dataProduct the data product the contract belongs to; empty if none
 * @param tenant the organisation; empty if none
 * @param tags free keywords
 * @param description purpose, limitations and usage
 * @param schema the objects (tables) described
 * @param servers where the data is served
 * @param roles access roles
 * @param team the team behind the contract
 * @param support where consumers get help
 * @param price what the data costs
 * @param slaProperties service level promises
 * @param slaDefaultElement the deprecated default element of service levels; empty if none
 * @param customProperties further properties
 * @param authoritativeDefinitions links to definitions
 * @param contractCreatedTs when the contract was created, as written (ISO date-time); empty if none
 * @param extensions top-level fields ODCS does not define, kept and written back
 */
public record DataContract(String apiVersion, String kind, String id, String version, String status, String name,
                           String domain, String dataProduct, String tenant, List<String> tags,
                           ContractDescription description, List<SchemaObject> schema, List<Server> servers,
                           List<Role> roles, Optional<Team> team, List<SupportChannel> support, Optional<Price> price,
                           List<SlaProperty> slaProperties, String slaDefaultElement,
                           List<CustomProperty> customProperties,
                           List<AuthoritativeDefinition> authoritativeDefinitions, String contractCreatedTs,
                           Map<String, Object> extensions) {

    /** The ODCS version the SDK writes by default. */
    public static final String CURRENT_API_VERSION = "v3.1.0";
    /** The ODCS versions the SDK reads. */
    public static final List<String> API_VERSIONS = List.of("v3.1.0", "v3.0.2", "v3.0.1", "v3.0.0");

    /** Normalises absent components to empty ones. */
    public DataContract {
        apiVersion = Texts.text(apiVersion);
        kind = Texts.text(kind);
        id = Texts.text(id);
        version = Texts.text(version);
        status = Texts.text(status);
        name = Texts.text(name);
        domain = Texts.text(domain);
        dataProduct = Texts.text(dataProduct);
        tenant = Texts.text(tenant);
        tags = Texts.list(tags);
        description = description == null ? ContractDescription.EMPTY : description;
        schema = Texts.list(schema);
        servers = Texts.list(servers);
        roles = Texts.list(roles);
        team = team == null ? Optional.empty() : team;
        support = Texts.list(support);
        price = price == null ? Optional.empty() : price;
        slaProperties = Texts.list(slaProperties);
        slaDefaultElement = Texts.text(slaDefaultElement);
        customProperties = Texts.list(customProperties);
        authoritativeDefinitions = Texts.list(authoritativeDefinitions);
        contractCreatedTs = Texts.text(contractCreatedTs);
        extensions = Texts.map(extensions);
    }

    /**
     * @param name a schema object name
     * @return the object of that name
     */
    public Optional<SchemaObject> object(String name) {
        return schema.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /**
     * @param property an SLA property name, ignoring case
     * @return the first promise of that property
     */
    public Optional<SlaProperty> sla(String property) {
        return slaProperties.stream().filter(s -> s.property().equalsIgnoreCase(property)).findFirst();
    }
}
