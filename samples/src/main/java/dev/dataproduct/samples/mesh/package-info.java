/**
 * The seed mesh: the retail and K-12 sample products in one host, run in dependency order, with
 * the interaction map printed. Attendance Events is event-driven: the school year's records are
 * sent on an in-memory stream before the run, and the K-12 products downstream read what it
 * published. {@link dev.dataproduct.samples.mesh.SeedMesh} runs it; the samples'
 * run command runs it last.
 */
package dev.dataproduct.samples.mesh;
