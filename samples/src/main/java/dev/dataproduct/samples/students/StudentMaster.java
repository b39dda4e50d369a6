package dev.dataproduct.samples.students;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.join.ConformedKey;
import dev.dataproduct.api.product.Alignment;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.QualityTier;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.slo.Objective;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The two products of the K-12 sample, defined with the SDK: <em>Student Master</em>, the
 * district's foundational record of enrollment and demographics, and <em>Student Directory
 * (Masked)</em>, a restricted product over it "for principals, counselors and district office
 * personnel".
 */
public final class StudentMaster {
    /** The schools of the district. */
    public static final List<String> SCHOOLS = List.of("lincoln-hs", "roosevelt-ms", "jefferson-es");
    /** The counselors, two per school, by staff id: school i has counselors C-i1 and C-i2. */
    public static final List<String> COUNSELORS = List.of("C-01", "C-02", "C-11", "C-12", "C-21", "C-22");
    /** The conformed key of the district's students, declared once: the student id, held by {@code student_id}. */
    public static final ConformedKey STUDENT = ConformedKey.of("student", LogicalType.STRING);
    /** The role of the district's analytics products, which read enrollment without personal data. */
    public static final String ANALYTICS_ROLE = "district_analytics";
    /** What {@link #ANALYTICS_ROLE} reads of Student Master: enrollment, no personal data. */
    public static final List<String> ANALYTICS_COLUMNS = List.of("student_id", "school_id", "grade", "counselor_id",
            "enrollment_status");
    /** The dataset both products publish. */
    public static final String STUDENTS = "students";

    private static final List<String> GIVEN = List.of("Ava", "Liam", "Maya", "Noah", "Zoe", "Ethan", "Iris", "Omar",
            "Lena", "Caleb", "Nora", "Diego");
    private static final List<String> FAMILY = List.of("Garcia", "Nguyen", "Okafor", "Smith", "Kowalski", "Haddad",
            "Tanaka", "Murphy", "Rossi", "Patel");

    /** The students dataset: personal data classified, the rest internal. */
    public static final DatasetSpec SPEC = DatasetSpec.named(STUDENTS)
            .description("One student enrolled (or once enrolled) in the district.")
            .field("student_id", LogicalType.STRING, f -> f.required().primaryKey().pattern("S\\d{5}")
                    .conformedKey(STUDENT.name()).description("The student, across the district's products."))
            .field("name", LogicalType.STRING, f -> f.required().classification(Classification.RESTRICTED)
                    .personalData())
            .field("birth_date", LogicalType.DATE, f -> f.classification(Classification.RESTRICTED).personalData())
            .field("email", LogicalType.STRING, f -> f.classification(Classification.CONFIDENTIAL).personalData())
            .field("guardian_phone", LogicalType.STRING, f -> f.classification(Classification.CONFIDENTIAL)
                    .personalData())
            .field("gender", LogicalType.STRING, f -> f.classification(Classification.CONFIDENTIAL).personalData())
            .field("free_lunch", LogicalType.BOOLEAN, f -> f.classification(Classification.RESTRICTED)
                    .personalData().description("Eligible for free or reduced-price meals."))
            .field("school_id", LogicalType.STRING, f -> f.required().allowedValues(SCHOOLS.toArray(String[]::new)))
            .field("grade", LogicalType.INT32, f -> f.required().range(0, 12).description("0 is kindergarten."))
            .field("counselor_id", LogicalType.STRING, f -> f.required())
            .field("enrollment_status", LogicalType.STRING, f -> f.required()
                    .allowedValues("active", "withdrawn", "graduated"))
            .build();

    private StudentMaster() {
    }

    /**
     * The foundational product: generated students (a stand-in for the student information
     * system's export), refreshed daily, readable in full by the district's data stewards; the
     * district's analytics products (role {@value #ANALYTICS_ROLE}) read enrollment only
     * ({@link #ANALYTICS_COLUMNS}).
     *
     * @param students how many students to generate
     * @param seed the seed of the generator; the same seed gives the same students
     * @return the product
     */
    public static DataProduct master(int students, long seed) {
        return DataProduct.builder("student-master")
                .domain("education")
                .version("1.0.0")
                .owner(Owner.person("Grace Liu", "grace.liu@district.example"))
                .purpose("Enrollment and demographics of every student of the district, from the student "
                        + "information system.")
                .alignment(Alignment.SOURCE)
                .qualityTier(QualityTier.SILVER)
                .tags("k12", "students", "enrollment")
                .output(SPEC)
                .transform((ctx, out) -> {
                    try (BatchBuilder b = ctx.batchBuilder(); VectorSchemaRoot batch = generate(b, students, seed)) {
                        out.accept(batch);
                    }
                })
                .supportTier(2)
                .objective(Objective.frequency(Duration.ofDays(1)), Objective.availability().target(0.995))
                .access(Policy.forDataset(STUDENTS)
                        .grant(Grant.to(Audience.role("data_steward")).allColumns()
                                .unmask(Target.classification(Classification.RESTRICTED),
                                        Target.classification(Classification.CONFIDENTIAL)))
                        .grant(Grant.to(Audience.role(ANALYTICS_ROLE)).named("district-analytics")
                                .columns(ANALYTICS_COLUMNS.toArray(String[]::new)))
                        .build())
                .build();
    }

    /**
     * The restricted product: the active students, without demographics, as principals (their own
     * school), counselors (the students assigned to them) and the district office (every school,
     * personal data masked) may see them. It stores nothing: it serves Student Master's snapshots.
     *
     * @param master the Student Master product
     * @return the product
     */
    public static DataProduct directory(DataProduct master) {
        Policy policy = Policy.forDataset(STUDENTS)
                .tag("contact", "email", "guardian_phone")
                .mask(Target.field("email"), Mask.email())
                .mask(Target.field("guardian_phone"), Mask.showLast(4))
                .mask(Target.field("birth_date"), Mask.yearOnly())
                .grant(Grant.to(Audience.role("principal")).named("school-principal")
                        .columns("student_id", "name", "email", "school_id", "grade", "counselor_id")
                        .rows(Expr.col("school_id").eq(Expr.principal("school_id")))
                        .unmask(Target.field("name")))
                .grant(Grant.to(Audience.role("counselor")).named("counselor")
                        .allColumns()
                        .rows(Expr.col("counselor_id").eq(Expr.principal("staff_id")))
                        .unmask(Target.field("name"), Target.tag("contact")))
                .grant(Grant.to(Audience.role("district_office")).named("district-office")
                        .allColumns()
                        .mask(Target.field("name"), Mask.showFirst(1)))
                .build();
        return DataProduct.restricted("student-directory-masked")
                .over(master)
                .domain("education")
                .version("1.0.0")
                .owner(Owner.person("Grace Liu", "grace.liu@district.example"))
                .purpose("Student Directory (Masked), for principals, counselors and district office personnel.")
                .alignment(Alignment.CONSUMER)
                .qualityTier(QualityTier.SILVER)
                .tags("k12", "students", "directory")
                .project(STUDENTS, "student_id", "name", "birth_date", "email", "guardian_phone", "school_id",
                        "grade", "counselor_id")
                .where(STUDENTS, Expr.col("enrollment_status").eq("active"))
                .access(policy)
                .build();
    }

    /**
     * One student as the generator makes it: what the other K-12 samples reuse (ids, schools,
     * grades, enrollment) so that their records are of the same students.
     *
     * @param id the student id, {@code S00001} on
     * @param name given and family name
     * @param birthDate the birth date
     * @param email the student's e-mail address
     * @param guardianPhone the guardian's phone number
     * @param gender {@code F} or {@code M}
     * @param freeLunch eligible for free or reduced-price meals
     * @param schoolId one of {@link #SCHOOLS}
     * @param grade 0 (kindergarten) to 12
     * @param counselorId one of {@link #COUNSELORS}, of the student's school
     * @param enrollmentStatus {@code active}, {@code withdrawn} or {@code graduated}
     */
    public record Student(String id, String name, LocalDate birthDate, String email, String guardianPhone,
                          String gender, boolean freeLunch, String schoolId, int grade, String counselorId,
                          String enrollmentStatus) {
        /** Validates the components. */
        public Student {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(schoolId, "schoolId");
            Objects.requireNonNull(enrollmentStatus, "enrollmentStatus");
        }
    }

    /**
     * The students Student Master publishes for a count and a seed, in id order.
     *
     * @param students how many students to generate
     * @param seed the seed of the generator; the same seed gives the same students
     * @return students S00001.. with seeded names, schools, grades and contacts; about one in eight not active
     */
    public static List<Student> generated(int students, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Student> out = new ArrayList<>(students);
        for (int i = 1; i <= students; i++) {
            int school = random.nextInt(SCHOOLS.size());
            int grade = switch (school) {
                case 0 -> 9 + random.nextInt(4);
                case 1 -> 6 + random.nextInt(3);
                default -> random.nextInt(6);
            };
            String given = GIVEN.get(random.nextInt(GIVEN.size()));
            String family = FAMILY.get(random.nextInt(FAMILY.size()));
            int status = random.nextInt(16);
            LocalDate birth = LocalDate.of(2020 - grade, 1 + random.nextInt(12), 1 + random.nextInt(28));
            String phone = String.format("+1-555-%03d-%04d", random.nextInt(1000), random.nextInt(10_000));
            String gender = random.nextBoolean() ? "F" : "M";
            boolean freeLunch = random.nextInt(3) == 0;
            out.add(new Student(String.format("S%05d", i), given + " " + family, birth,
                    given.toLowerCase(Locale.ROOT) + "." + family.toLowerCase(Locale.ROOT) + i + "@students.district.example",
                    phone, gender, freeLunch, SCHOOLS.get(school), grade, COUNSELORS.get(2 * school + random.nextInt(2)),
                    status == 0 ? "withdrawn" : status == 1 ? "graduated" : "active"));
        }
        return out;
    }

    private static VectorSchemaRoot generate(BatchBuilder b, int students, long seed) {
        for (Student s : generated(students, seed)) {
            b.addRow(s.id(), s.name(), s.birthDate(), s.email(), s.guardianPhone(), s.gender(), s.freeLunch(),
                    s.schoolId(), s.grade(), s.counselorId(), s.enrollmentStatus());
        }
        return b.build();
    }
}
