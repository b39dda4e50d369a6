/**
 * The K-12 <em>Early-Support Signals</em> feature product over <em>Attendance Events</em>: a
 * 10-day and a 30-day absence rate, late submissions over 14 days, and a transparent
 * disengagement-risk score that uses them through the same definitions offline (a training set of
 * as-of joins) and online (lookups of the online store at the present time).
 */
package dev.dataproduct.samples.signals;
