/**
 * The K-12 attendance samples: the foundational product <em>Attendance Events</em> (daily
 * attendance and submitted work of Student Master's students over the school year of
 * {@link dev.dataproduct.samples.attendance.SchoolCalendar}, generated from seeds); the composite
 * <em>Attendance Insights</em>, joining its attendance with Student Master's students on the
 * conformed key {@code student} for chronic absenteeism by student, school and month; and the
 * metric product <em>Attendance Metrics</em>, where "Active Student" and "chronic absenteeism rate"
 * are defined once.
 */
package dev.dataproduct.samples.attendance;
