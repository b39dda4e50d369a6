/**
 * Feature products at run time: the feature table a {@link dev.dataproduct.api.feature.FeatureView}
 * defines ({@link dev.dataproduct.core.feature.FeatureTable}, with its rolling windows), the offline
 * as-of join for training sets ({@link dev.dataproduct.core.feature.AsOfJoin}) and the online path
 * ({@link dev.dataproduct.core.feature.OnlineFeatures} over an
 * {@link dev.dataproduct.core.feature.OnlineStore}, served through a product's read path by
 * {@link dev.dataproduct.core.feature.FeatureServing}).
 *
 * <p>Both paths call one package-private as-of rule, so that training and serving cannot disagree:
 * the row chosen for an entity at time {@code t} is its latest with {@code event_time <= t}, ties
 * broken by created time and then by the later row of the feature table, and its values count only
 * if {@code event_time > t - maxAge}; every value carries a
 * {@link dev.dataproduct.api.feature.FeatureStatus}. Online, the age is judged at lookup time, so
 * an expired value is never served as present. A property test holds the online lookup at
 * {@code t} to the offline join at {@code t}; a differential test holds the offline join to DuckDB's
 * {@code ASOF JOIN}.
 */
package dev.dataproduct.core.feature;
