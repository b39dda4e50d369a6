/**
 * Schemas of datasets: {@link dev.dataproduct.api.schema.LogicalType logical types} covering the
 * ODCS logical types, {@link dev.dataproduct.api.schema.Field fields} with classification, keys
 * and value constraints, {@link dev.dataproduct.api.schema.DatasetSpec dataset definitions}, and
 * the lossless mapping to Arrow in {@link dev.dataproduct.api.schema.ArrowTypes}.
 */
package dev.dataproduct.api.schema;
