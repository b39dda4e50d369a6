package dev.dataproduct.core.odcs;

import dev.dataproduct.api.contract.AuthoritativeDefinition;
import dev.dataproduct.api.contract.ContractDescription;
import dev.dataproduct.api.contract.CustomProperty;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.Price;
import dev.dataproduct.api.contract.QualityRule;
import dev.dataproduct.api.contract.Relationship;
import dev.dataproduct.api.contract.Role;
import dev.dataproduct.api.contract.SchemaObject;
import dev.dataproduct.api.contract.SchemaProperty;
import dev.dataproduct.api.contract.Server;
import dev.dataproduct.api.contract.SlaProperty;
import dev.dataproduct.api.contract.SupportChannel;
import dev.dataproduct.api.contract.Team;
import dev.dataproduct.api.contract.TeamMember;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The keys ODCS defines on any of its elements, for telling a misspelt key ({@code requird}) from
 * a genuine extension. The reader itself warns per element; this is for tools that look at the
 * {@code extensions} of contracts already read, such as the compatibility checker.
 */
public final class OdcsKeys {
    /** Record components that are no ODCS key: what the SDK derives or keeps aside. */
    private static final Set<String> NOT_KEYS = Set.of("extensions", "operator", "operatorValue", "listForm",
            "writtenDefaults");
    private static final Set<String> ALL = collect();

    private OdcsKeys() {
    }

    /** @return every key ODCS v3.1 or v3.0 defines, on any element, in alphabetical order */
    public static Set<String> all() {
        return ALL;
    }

    /**
     * @param key a key that ODCS does not define
     * @return the defined key it most likely misspells, by edit distance (one edit in four characters
     *     at most), if any
     */
    public static Optional<String> nearest(String key) {
        return ALL.contains(key) ? Optional.empty() : Spelling.nearest(key, ALL);
    }

    private static Set<String> collect() {
        Set<String> keys = new TreeSet<>();
        Stream.of(DataContract.class, ContractDescription.class, SchemaObject.class, SchemaProperty.class,
                        QualityRule.class, Relationship.class, Server.class, Role.class, Team.class, TeamMember.class,
                        SupportChannel.class, Price.class, SlaProperty.class, CustomProperty.class,
                        AuthoritativeDefinition.class)
                .flatMap(type -> Stream.of(type.getRecordComponents())).map(RecordComponent::getName)
                .filter(name -> !NOT_KEYS.contains(name)).forEach(keys::add);
        keys.addAll(QualityRule.OPERATORS);
        keys.addAll(Server.TYPE_FIELDS);
        return Collections.unmodifiableSet(keys);
    }
}
