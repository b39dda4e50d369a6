package dev.dataproduct.api.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A data quality rule of a schema object or property ({@code quality} in ODCS).
 *
 * <p>A {@code library} rule names a {@code metric} ({@code nullValues}, {@code missingValues},
 * {@code invalidValues}, {@code duplicateValues}, {@code rowCount}) with its {@code arguments} and
 * one operator with its value, such as {@code mustBeLessThan: 5}. A {@code sql} rule gives a
 * {@code query}; a {@code custom} rule an {@code engine} and an {@code implementation}; a
 * {@code text} rule only a description.
 *
 * @param id a stable id; empty if none
 * @param name a short name; empty if none
 * @param description what the rule checks
 * @param type {@code library}, {@code sql}, {@code custom} or {@code text}; empty means library
 * @param metric the library metric; empty if none
 * @param rule the deprecated v3.0 name of the metric (such as {@code duplicateCount}); empty if none
 * @param arguments the metric's arguments, such as {@code validValues}
 * @param operator the operator, such as {@code mustBeLessThan}; empty if none
 * @param operatorValue its value: a number, text, or a list of two numbers for the between operators
 * @param unit {@code rows} or {@code percent}; empty means rows
 * @param query the SQL of a {@code sql} rule; empty if none
 * @param engine the engine of a {@code custom} rule; empty if none
 * @param implementation the implementation of a {@code custom} rule: text or a map
 * @param dimension {@code accuracy}, {@code completeness}, {@code conformity}, {@code consistency},
 *     {@code coverage}, {@code timeliness} or {@code uniqueness}; empty if none
 * @param severity {@code error}, {@code warning} or {@code info}; empty if none
 * @param businessImpact such as {@code operational}; empty if none
 * @param method such as {@code reconciliation}; empty if none
 * @param schedule such as {@code 0 20 * * *}; empty if none
 * @param scheduler such as {@code cron}; empty if none
 * @param tags free keywords
 * @param authoritativeDefinitions links to definitions
 * @param customProperties further properties
 * @param extensions fields ODCS does not define, kept and written back
 */
public record QualityRule(String id, String name, String description, String type, String metric, String rule,
                          Map<String, Object> arguments, String operator, Optional<Object> operatorValue, String unit,
                          String query, String engine, Optional<Object> implementation, String dimension,
                          String severity, String businessImpact, String method, String schedule, String scheduler,
                          List<String> tags, List<AuthoritativeDefinition> authoritativeDefinitions,
                          List<CustomProperty> customProperties, Map<String, Object> extensions) {

    /** The operators of ODCS, in the order the standard lists them. */
    public static final List<String> OPERATORS = List.of("mustBe", "mustNotBe", "mustBeGreaterThan",
            "mustBeGreaterOrEqualTo", "mustBeLessThan", "mustBeLessOrEqualTo", "mustBeBetween", "mustNotBeBetween");

    /** Normalises absent components to empty ones. */
    public QualityRule {
        id = Texts.text(id);
        name = Texts.text(name);
        description = Texts.text(description);
        type = Texts.text(type);
        metric = Texts.text(metric);
        rule = Texts.text(rule);
        arguments = Texts.map(arguments);
        operator = Texts.text(operator);
        operatorValue = operatorValue == null ? Optional.empty() : operatorValue;
        unit = Texts.text(unit);
        query = Texts.text(query);
        engine = Texts.text(engine);
        implementation = implementation == null ? Optional.empty() : implementation;
        dimension = Texts.text(dimension);
        severity = Texts.text(severity);
        businessImpact = Texts.text(businessImpact);
        method = Texts.text(method);
        schedule = Texts.text(schedule);
        scheduler = Texts.text(scheduler);
        tags = Texts.list(tags);
        authoritativeDefinitions = Texts.list(authoritativeDefinitions);
        customProperties = Texts.list(customProperties);
        extensions = Texts.map(extensions);
    }

    /**
     * A library rule.
     *
     * @param metric the metric, such as {@code nullValues}
     * @param operator the operator, such as {@code mustBe}
     * @param value the operator's value
     * @return the rule, of type {@code library}, unit rows
     */
    public static QualityRule library(String metric, String operator, Object value) {
        return new QualityRule("", "", "", "library", metric, "", Map.of(), operator, Optional.of(value), "", "", "",
                Optional.empty(), "", "", "", "", "", "", List.of(), List.of(), List.of(), Map.of());
    }

    /** @return the type, {@code library} when none is given */
    public String effectiveType() {
        return type.isEmpty() ? "library" : type;
    }
}
