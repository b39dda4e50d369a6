package dev.dataproduct.core.slo;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.SlaProperty;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.slo.Objective;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The objectives a product is held to: those it declares, and those its contract's ODCS
 * {@code slaProperties} promise.
 *
 * <p>The SLA properties read, each as an objective with the default target and window
 * ({@link Objective#DEFAULT_TARGET}, {@link Objective#DEFAULT_WINDOW_DAYS}): {@code latency} (or
 * {@code freshness}) as {@link Objective#freshness} (on its {@code element}, such as
 * {@code purchases.purchased_at}, or else the contract's {@code slaDefaultElement}: the age of the
 * newest event time), {@code frequency} as
 * {@link Objective#frequency}, {@code retention} as {@link Objective#retention} (each a number with
 * a unit: {@code ms}, {@code s}, {@code m} or {@code min} for minutes, {@code h}, {@code d},
 * {@code w}, {@code y} = 365 days; the long forms such as {@code days} too), and
 * {@code availability} as {@link Objective#availability} whose target is the value (a share, or a
 * percentage with unit {@code %} or a value above 1). Other properties ({@code endOfLife},
 * {@code timeOfAvailability}, ...) promise no measurable ratio and are not read. A declared
 * objective replaces one of the same name read from the contract.
 */
public final class Objectives {
    private Objectives() {
    }

    /**
     * @param product a product
     * @return its declared objectives, then those of its contract's SLA not declared by name
     * @throws InvalidDefinitionException if an SLA property that is read has no number or an unknown unit
     */
    public static List<Objective> of(DataProduct product) {
        Map<String, Objective> all = new LinkedHashMap<>();
        product.objectives().forEach(o -> all.put(o.name(), o));
        for (Objective o : fromSla(product.contract())) {
            all.putIfAbsent(o.name(), o);
        }
        return List.copyOf(all.values());
    }

    /**
     * @param contract a contract
     * @return the objectives its {@code slaProperties} promise
     * @throws InvalidDefinitionException listing every SLA property that is read but cannot be understood
     */
    public static List<Objective> fromSla(DataContract contract) {
        List<Objective> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int index = 0;
        for (SlaProperty p : contract.slaProperties()) {
            String where = "slaProperties[" + index++ + "] (" + p.property() + ")";
            String property = p.property().toLowerCase(Locale.ROOT);
            try {
                switch (property) {
                    case "latency", "freshness" -> {
                        String element = p.element().isBlank() ? contract.slaDefaultElement() : p.element();
                        out.add(element.isBlank() ? Objective.freshness(duration(p))
                                : Objective.freshness(duration(p)).on(element));
                    }
                    case "frequency" -> out.add(Objective.frequency(duration(p)));
                    case "retention" -> out.add(Objective.retention(duration(p)));
                    case "availability" -> out.add(Objective.availability().target(share(p)));
                    default -> { }
                }
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException("the service levels of contract '" + contract.id() + "' version "
                    + contract.version(), problems);
        }
        return out;
    }

    private static double number(SlaProperty p) {
        Optional<Object> value = p.value();
        if (value.isPresent() && value.get() instanceof Number n) {
            return n.doubleValue();
        }
        if (value.isPresent() && value.get() instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("value '" + s + "' is not a number");
            }
        }
        throw new IllegalArgumentException("needs a number as its value");
    }

    private static Duration duration(SlaProperty p) {
        double amount = number(p);
        String unit = p.unit().trim().toLowerCase(Locale.ROOT);
        double seconds = switch (unit) {
            case "ms", "millisecond", "milliseconds" -> amount / 1000;
            case "s", "sec", "second", "seconds" -> amount;
            case "m", "min", "minute", "minutes" -> amount * 60;
            case "h", "hr", "hour", "hours" -> amount * 3600;
            case "d", "day", "days" -> amount * 86_400;
            case "w", "week", "weeks" -> amount * 7 * 86_400;
            case "y", "yr", "year", "years" -> amount * 365 * 86_400;
            default -> throw new IllegalArgumentException("unit '" + p.unit() + "' is not one of ms, s, m (minutes), "
                    + "h, d, w, y");
        };
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("must be a positive duration, not " + amount + " " + p.unit());
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static double share(SlaProperty p) {
        double v = number(p);
        return "%".equals(p.unit().trim()) || v > 1 ? v / 100 : v;
    }
}
