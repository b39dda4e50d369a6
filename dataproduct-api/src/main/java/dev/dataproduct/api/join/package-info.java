/**
 * Joins of products on conformed keys: the {@link dev.dataproduct.api.join.ConformedKey} declared
 * once and referred to by fields, the declared {@link dev.dataproduct.api.join.Cardinality} and
 * {@link dev.dataproduct.api.join.JoinType}, the {@link dev.dataproduct.api.join.Composite}
 * transform of a composite product and the {@link dev.dataproduct.api.join.JoinReport} each join
 * records. The joins themselves run in the runtime ({@code dev.dataproduct.core.join}).
 */
package dev.dataproduct.api.join;
