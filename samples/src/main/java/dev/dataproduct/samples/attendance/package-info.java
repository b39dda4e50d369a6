/**
 * The K-12 attendance sample: the foundational product <em>Attendance Events</em> (daily
 * attendance and submitted work of Student Master's students over the school year of
 * {@link dev.dataproduct.samples.attendance.SchoolCalendar}, generated from seeds), which joins
 * Student Master on the conformed key {@code student}.
 */
package dev.dataproduct.samples.attendance;
