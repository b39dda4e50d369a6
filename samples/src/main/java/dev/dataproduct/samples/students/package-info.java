/**
 * The K-12 sample: the foundational product <em>Student Master</em> (enrollment and demographics,
 * personal data classified restricted and confidential, generated from a seed; its
 * {@code student_id} holds the conformed key {@code student}, declared once as
 * {@link dev.dataproduct.samples.students.StudentMaster#STUDENT}; the district's analytics products
 * read enrollment only) and the restricted product <em>Student Directory (Masked)</em> over it, for
 * principals, counselors and district office personnel.
 * {@link dev.dataproduct.samples.students.StudentDirectoryApp} prints what each of them sees of the
 * same students.
 */
package dev.dataproduct.samples.students;
