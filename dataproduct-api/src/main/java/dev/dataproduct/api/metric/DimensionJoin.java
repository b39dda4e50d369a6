package dev.dataproduct.api.metric;

import java.util.Objects;

/**
 * Dimensions that live in another dataset (another product's, read as an input): the model's rows
 * are joined to it through one of the model's entities, a conformed key, many model rows to one row
 * there. The joined dataset's columns then serve dimensions and filters like the model's own.
 *
 * <p>The join keeps every model row (a left join: a key the other dataset lacks gives null
 * dimension values) and is refused if the other dataset holds a key more than once that the model's
 * rows have, since every measure would then be counted more than once.
 *
 * @param dataset the dataset holding the dimensions
 * @param entity the model's entity (conformed key) the rows are joined by
 * @param key the column of {@code dataset} holding that key, one row per value
 */
public record DimensionJoin(String dataset, String entity, String key) {

    /** Validates the components. */
    public DimensionJoin {
        Objects.requireNonNull(dataset, "dataset");
        Names.check(entity, "entity");
        Names.check(key, "column");
    }

    /**
     * @param dataset the dataset holding the dimensions
     * @param entity the model's entity they are joined by
     * @param key the column of the dataset holding the key
     * @return the join
     */
    public static DimensionJoin of(String dataset, String entity, String key) {
        return new DimensionJoin(dataset, entity, key);
    }
}
