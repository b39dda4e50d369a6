package dev.dataproduct.api.contract;

import java.util.Map;
import java.util.Optional;

/**
 * One service level promise ({@code slaProperties} in ODCS), such as {@code latency: 4 d} or
 * {@code retention: 3 y}.
 *
 * @param id a stable id; empty if none
 * @param property the property, such as {@code latency}, {@code frequency}, {@code retention},
 *     {@code availability}, {@code endOfSupport} or {@code endOfLife}
 * @param value its value: a number, text or boolean
 * @param valueExt an extended value; empty if none
 * @param unit such as {@code d} or {@code y}; empty if none
 * @param element the element it applies to, such as {@code purchases.purchased_at}; empty if none
 * @param driver such as {@code regulatory} or {@code operational}; empty if none
 * @param description what it promises; empty if none
 * @param scheduler such as {@code cron}; empty if none
 * @param schedule such as a cron expression; empty if none
 * @param extensions fields ODCS does not define, kept and written back
 */
public record SlaProperty(String id, String property, Optional<Object> value, Optional<Object> valueExt, String unit,
                          String element, String driver, String description, String scheduler, String schedule,
                          Map<String, Object> extensions) {
    /** Normalises absent components to empty ones. */
    public SlaProperty {
        id = Texts.text(id);
        property = Texts.text(property);
        value = value == null ? Optional.empty() : value;
        valueExt = valueExt == null ? Optional.empty() : valueExt;
        unit = Texts.text(unit);
        element = Texts.text(element);
        driver = Texts.text(driver);
        description = Texts.text(description);
        scheduler = Texts.text(scheduler);
        schedule = Texts.text(schedule);
        extensions = Texts.map(extensions);
    }

    /**
     * @param property the property
     * @param value its value
     * @param unit its unit, or empty
     * @return the promise
     */
    public static SlaProperty of(String property, Object value, String unit) {
        return new SlaProperty("", property, Optional.of(value), Optional.empty(), unit, "", "", "", "", "", Map.of());
    }
}
