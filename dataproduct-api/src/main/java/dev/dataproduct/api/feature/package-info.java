/**
 * Feature products: machine learning features defined once and served the same way for training
 * (offline, as-of joins over history) and for serving (online lookups of the latest values).
 *
 * <p>An {@link dev.dataproduct.api.feature.Entity} names what features describe and the columns
 * that identify it (a conformed key). A {@link dev.dataproduct.api.feature.FeatureView} derives
 * features from one dataset of another product: plain columns, expressions of the expression model,
 * or {@linkplain dev.dataproduct.api.feature.Aggregation rolling aggregates} over a trailing window,
 * each row stamped with an event time (and optionally a created time that breaks ties), and a
 * {@linkplain dev.dataproduct.api.feature.FeatureView#maxAge() maximum age} beyond which a value no
 * longer counts. A {@link dev.dataproduct.api.feature.FeatureSet} pins the features one model
 * version uses.
 *
 * <p><b>The as-of rule</b>, applied by both paths with the same code: the value of a feature for an
 * entity at time {@code t} is the one of the latest row of that entity with
 * {@code event_time <= t} (ties broken by the greater created time, then by the later row), provided
 * {@code event_time > t - maxAge}; otherwise there is no value, and the
 * {@linkplain dev.dataproduct.api.feature.FeatureStatus status} says why.
 *
 * <p><b>Rolling windows</b> trail each row's event time {@code e} and hold the rows of the same
 * entity with {@code e - window < event_time <= e}: the start is exclusive, the end inclusive, like
 * the validity window of the as-of rule. Rows sharing an event time share one window.
 */
package dev.dataproduct.api.feature;
