/**
 * Schemas of datasets: {@link dev.dataproduct.api.schema.LogicalType logical types} covering the
 * ODCS logical types, {@link dev.dataproduct.api.schema.Field fields} with classification, keys
 * and value constraints, {@link dev.dataproduct.api.schema.DatasetSpec dataset definitions}, and
 * the lossless mapping to Arrow in {@link dev.dataproduct.api.schema.ArrowTypes}.
 * {@link dev.dataproduct.api.schema.TextValues} reads values from text exactly (a value its type
 * cannot hold as written is refused, never rounded or cut) with work bounded by the text, and
 * shows values in messages short and escaped. A dataset's {@link dev.dataproduct.api.schema.UpdateMode}
 * says how a run changes its previous rows: replace (the default), append, or upsert by primary key
 * with an optional delete marker.
 */
package dev.dataproduct.api.schema;
