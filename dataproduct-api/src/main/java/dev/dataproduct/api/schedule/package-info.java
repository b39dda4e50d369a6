/**
 * When a product runs: a {@link dev.dataproduct.api.schedule.Schedule} a product carries (a fixed
 * interval, a {@link dev.dataproduct.api.schedule.CronExpression} on the wall clock of a time zone,
 * or a new snapshot of an input), with an optional jitter to spread products. The product host of
 * the core module runs schedules: never two runs of a product at once, a missed slot caught up once,
 * an overrunning run delaying the next slot.
 */
package dev.dataproduct.api.schedule;
