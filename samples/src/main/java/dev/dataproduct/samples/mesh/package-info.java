/**
 * The seed mesh: the retail and K-12 sample products in one host, run in dependency order, with
 * the interaction map printed. {@link dev.dataproduct.samples.mesh.SeedMesh} runs it; the samples'
 * run command runs it last.
 */
package dev.dataproduct.samples.mesh;
