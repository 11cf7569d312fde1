import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795444275369 implements MigrationInterface {
  name = 'Initial1795444275369';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "employment_area" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying NOT NULL, "municipality_codes" text array NOT NULL DEFAULT \'{}\', CONSTRAINT "PK_44f46266b6edd34fabd1ac0e584" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "case_manager" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "employment_area_id" uuid NOT NULL, "name" character varying NOT NULL, "email" text, "phone" text, CONSTRAINT "PK_186ab94d197c87145837ac1f35b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_522bffc3d3230790e0ced5bbeb" ON "case_manager"  ("employment_area_id") ');
    await queryRunner.query(
      'CREATE TABLE "department" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "code" character varying NOT NULL, "name" jsonb NOT NULL, CONSTRAINT "UQ_62690f4fe31da9eb824d909285f" UNIQUE ("code"), CONSTRAINT "PK_9a2213262c1593bffb581e382f5" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "work_unit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "department_id" uuid NOT NULL, "name" character varying NOT NULL, "address" text, "unit_lead_name" text, "unit_lead_email" text, CONSTRAINT "PK_242be442bfa9b6c7de4f49b68c4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_ed73a1654eb55128371f46d141" ON "work_unit"  ("department_id") ');
    await queryRunner.query(
      'CREATE TABLE "partner_company" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying NOT NULL, "business_id" character varying NOT NULL, "industry" text, "municipality_code" character(3), "contact_name" text, "contact_email" text, "is_non_profit" boolean NOT NULL DEFAULT false, CONSTRAINT "UQ_740dcfbcefc5fe18515e7e22313" UNIQUE ("business_id"), CONSTRAINT "PK_633bfda13726ee3003abf8a3cbf" PRIMARY KEY ("id"))',
    );
    await queryRunner.query("CREATE TYPE \"public\".\"cefr_level\" AS ENUM('A1', 'A2', 'B1', 'B2', 'C1', 'C2')");
    await queryRunner.query(
      'CREATE TABLE "trainee" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "first_name" character varying NOT NULL, "last_name" character varying NOT NULL, "identity_code_ciphertext" bytea NOT NULL, "identity_code_key_id" text NOT NULL, "identity_code_hash" bytea NOT NULL, "identity_code_temporary" boolean NOT NULL DEFAULT false, "birth_date" date NOT NULL, "languages" text array NOT NULL DEFAULT \'{}\', "finnish_level" "public"."cefr_level", "immigrant_background" boolean NOT NULL DEFAULT false, "email" text, "phone" text, "municipality_code" character(3), "employment_area_id" uuid, "work_level" smallint NOT NULL DEFAULT \'1\', "pseudonymised_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_2f4882c6c5d4556e28397d9b0e6" UNIQUE ("identity_code_hash"), CONSTRAINT "CHK_b584a1c505b5ddecc77bd48ce4" CHECK ("work_level" BETWEEN 1 AND 3), CONSTRAINT "PK_7bb8bcb39effdfc30d4f67e9eb8" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_8abad70b17e82ffa65783e058a" ON "trainee"  ("employment_area_id") ');
    await queryRunner.query('CREATE INDEX "IDX_a2a68796461fa67caa876f9e43" ON "trainee"  ("last_name", "first_name") ');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"service_form\" AS ENUM('TOWARDS_WORK_AND_EDUCATION', 'ASSESSMENT', 'IMMIGRANT_COACHING', 'COACHING_EMPLOYMENT')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"participation_basis\" AS ENUM('WORK_TRIAL', 'EMPLOYMENT', 'REHABILITATIVE_WORK', 'CAREER_COACHING')",
    );
    await queryRunner.query("CREATE TYPE \"public\".\"referral_state\" AS ENUM('RECEIVED', 'ACCEPTED', 'REJECTED', 'CLOSED')");
    await queryRunner.query(
      'CREATE TABLE "referral" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "employment_area_id" uuid NOT NULL, "external_id" character varying NOT NULL, "case_manager_id" uuid, "trainee_id" uuid NOT NULL, "service_form" "public"."service_form" NOT NULL, "participation_basis" "public"."participation_basis" NOT NULL, "background" text, "state" "public"."referral_state" NOT NULL DEFAULT \'RECEIVED\', "rejection_reason" text, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a2d3e935a6591168066defec5ad" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_41b4689a828b275a08633e3139" ON "referral"  ("case_manager_id") ');
    await queryRunner.query('CREATE INDEX "IDX_2a8fc82fc05c4f3ea86e96c9f6" ON "referral"  ("trainee_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "referral_one_open_per_service" ON "referral"  ("trainee_id", "service_form") WHERE "state" IN (\'RECEIVED\', \'ACCEPTED\')',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_b665a6ec8da92a41bea0bd3df6" ON "referral"  ("employment_area_id", "external_id") ');
    await queryRunner.query('CREATE TYPE "public"."staff_role" AS ENUM(\'COACH\', \'CAREER_AGENT\')');
    await queryRunner.query(
      'CREATE TABLE "staff_member" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying NOT NULL, "email" text, "role" "public"."staff_role" NOT NULL, "caseload_min" integer NOT NULL DEFAULT \'8\', "caseload_max" integer NOT NULL DEFAULT \'12\', "active" boolean NOT NULL DEFAULT true, CONSTRAINT "CHK_0983972537295d3d6a03d36ed6" CHECK ("caseload_min" >= 0 AND "caseload_max" >= "caseload_min"), CONSTRAINT "PK_342343208cbc30b3c14a976b0a0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_2222cec4a3cf351f2290aa0021" ON "staff_member"  ("email") WHERE email IS NOT NULL');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"period_phase\" AS ENUM('INITIAL_MAPPING', 'PRE_COACHING', 'COACHING', 'CHECK_POINT', 'ENDED', 'FOLLOW_UP')",
    );
    await queryRunner.query(
      'CREATE TABLE "coaching_period" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "trainee_id" uuid NOT NULL, "referral_id" uuid, "service_form" "public"."service_form" NOT NULL, "participation_basis" "public"."participation_basis" NOT NULL, "days_per_week" smallint NOT NULL, "hours_per_day" numeric(4,2) NOT NULL, "start_date" date NOT NULL, "planned_end_date" date, "end_date" date, "phase" "public"."period_phase" NOT NULL DEFAULT \'INITIAL_MAPPING\', "coach_id" uuid, "career_agent_id" uuid, "goals" text, "caseload_override_reason" text, CONSTRAINT "CHK_faa19f5e9d1ce3af2699623c29" CHECK ("end_date" IS NULL OR "end_date" >= "start_date"), CONSTRAINT "CHK_0022c996f9631e5c85f2cd1acb" CHECK ("planned_end_date" IS NULL OR "planned_end_date" >= "start_date"), CONSTRAINT "CHK_fd90428eaf8f372544fdfb3f8d" CHECK ("hours_per_day" > 0 AND "hours_per_day" <= 8), CONSTRAINT "CHK_2fec5edd3d8bc4fe2fcd572ab4" CHECK ("days_per_week" BETWEEN 1 AND 5), CONSTRAINT "PK_f550275c86eeb1430354014930e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_23002f50111f99d776a6aff9d1" ON "coaching_period"  ("referral_id") ');
    await queryRunner.query('CREATE INDEX "IDX_fc88369cd156286899ccb8ae42" ON "coaching_period"  ("coach_id") ');
    await queryRunner.query('CREATE INDEX "IDX_013f931509f3c43c79318cf9fb" ON "coaching_period"  ("career_agent_id") ');
    await queryRunner.query('CREATE INDEX "IDX_8858bbb083850c9c16ac1cf3de" ON "coaching_period"  ("phase") ');
    await queryRunner.query('CREATE INDEX "IDX_b6ef1342e50a1cec43098b0fb8" ON "coaching_period"  ("trainee_id", "start_date") ');
    await queryRunner.query(
      'CREATE TABLE "check_point" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "period_id" uuid NOT NULL, "difficulty" text NOT NULL, "reassessment" text, "agreed_actions" text, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, "opened_by" text, CONSTRAINT "PK_65a24bfa70e68d7789b76b9fd09" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_1dec18728dda63241d4c0d2d09" ON "check_point"  ("period_id") ');
    await queryRunner.query(
      'CREATE TABLE "qualification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "external_id" character varying NOT NULL, "diary_number" character varying NOT NULL, "name" jsonb NOT NULL, CONSTRAINT "UQ_7908cf28deea468a6cd197fa360" UNIQUE ("external_id"), CONSTRAINT "PK_c8244868552c4364a5264440a66" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "qualification_unit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "qualification_id" uuid NOT NULL, "external_id" character varying NOT NULL, "name" jsonb NOT NULL, "competence_points" numeric(5,1), CONSTRAINT "PK_570bbf4e06ef81510c94a025725" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_eed524256fd0885526cc6569c8" ON "qualification_unit"  ("qualification_id", "external_id") ');
    await queryRunner.query(
      'CREATE TABLE "competence_requirement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "unit_id" uuid NOT NULL, "code" character varying NOT NULL, "text" text NOT NULL, CONSTRAINT "PK_5592b45219d29bbcef8a35bf672" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_c8eccf3b0482e3e80f72b3512e" ON "competence_requirement"  ("unit_id", "code") ');
    await queryRunner.query("CREATE TYPE \"public\".\"competence_state\" AS ENUM('PRACTISING', 'DEMONSTRATED', 'VERIFIED')");
    await queryRunner.query(
      'CREATE TABLE "competence_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "trainee_id" uuid NOT NULL, "period_id" uuid NOT NULL, "requirement_id" uuid, "qualification_external_id" character varying NOT NULL, "diary_number" character varying NOT NULL, "unit_external_id" character varying NOT NULL, "requirement_code" character varying NOT NULL, "requirement_text" text NOT NULL, "task_id" uuid, "work_order_id" uuid, "evidence" text NOT NULL, "state" "public"."competence_state" NOT NULL DEFAULT \'PRACTISING\', "demonstrated_at" TIMESTAMP WITH TIME ZONE, "verified_at" TIMESTAMP WITH TIME ZONE, "verified_by" text, CONSTRAINT "PK_1141253ac5d8f1302d80b2a0758" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_6a408f8a23c9ef11718532f8eb" ON "competence_record"  ("period_id") ');
    await queryRunner.query('CREATE INDEX "IDX_a51687d1ea3b1691bb159b7180" ON "competence_record"  ("requirement_id") ');
    await queryRunner.query('CREATE INDEX "IDX_57b4e0bc0d16af59bc76b0b9a8" ON "competence_record"  ("trainee_id", "state") ');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"work_field\" AS ENUM('GROUNDS_AND_PROPERTY_CARE', 'CLEANING', 'FOOD_SERVICES', 'CLEARING_AND_MOVING', 'MACHINE_MAINTENANCE', 'RECYCLING', 'SCHOOL_AND_EARLY_EDUCATION_ASSISTANCE', 'OFFICE_WORK')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"protective_gear\" AS ENUM('SAFETY_SHOES', 'WORK_CLOTHES', 'GLOVES', 'HEARING_PROTECTION', 'SAFETY_GLASSES', 'HIGH_VISIBILITY_VEST', 'HELMET', 'RESPIRATOR')",
    );
    await queryRunner.query(
      'CREATE TABLE "task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "code" character varying NOT NULL, "name" jsonb NOT NULL, "description" text, "field" "public"."work_field" NOT NULL, "difficulty_level" smallint NOT NULL, "protective_gear" "public"."protective_gear" array NOT NULL DEFAULT \'{}\', "transport_needed" boolean NOT NULL DEFAULT false, "typical_place" text, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "UQ_ca4a3a0d8c19b661356df9a83e4" UNIQUE ("code"), CONSTRAINT "CHK_bceacdcd296bd3168187fef814" CHECK ("difficulty_level" BETWEEN 1 AND 3), CONSTRAINT "PK_fb213f79ee45060ba925ecd576e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"work_order_state\" AS ENUM('REQUESTED', 'ACCEPTED', 'DECLINED', 'SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')",
    );
    await queryRunner.query(
      'CREATE TABLE "work_order" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "work_unit_id" uuid NOT NULL, "task_id" uuid NOT NULL, "place" character varying NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "workers_needed" smallint NOT NULL, "state" "public"."work_order_state" NOT NULL DEFAULT \'REQUESTED\', "notes" text, "unit_feedback" text, "unit_rating" smallint, "confirmed_hours" numeric(7,2), "decline_reason" text, CONSTRAINT "CHK_07a014f10dc261d613488b9a56" CHECK ("end_date" >= "start_date"), CONSTRAINT "CHK_ffd4101ee2bfc3237e17045c79" CHECK ("workers_needed" >= 1), CONSTRAINT "PK_0730e63dd523d397530859cb6d1" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_3fd770e1b4d6651f8aff2564a5" ON "work_order"  ("task_id") ');
    await queryRunner.query('CREATE INDEX "IDX_d2151c54835b13071d50a28425" ON "work_order"  ("state", "start_date") ');
    await queryRunner.query('CREATE INDEX "IDX_5d14792db7c6dcc71c7bd57214" ON "work_order"  ("work_unit_id", "start_date") ');
    await queryRunner.query(
      'CREATE TABLE "work_order_assignment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "work_order_id" uuid NOT NULL, "trainee_id" uuid NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, CONSTRAINT "PK_94a76f2fd0943de785c66dff95a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_46de99629b7886738d0e5277de" ON "work_order_assignment"  ("trainee_id", "start_date") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_24f91af37b0471f08ba3423092" ON "work_order_assignment"  ("work_order_id", "trainee_id") ');
    await queryRunner.query('CREATE TYPE "public"."attendance_status" AS ENUM(\'PRESENT\', \'ABSENT\')');
    await queryRunner.query("CREATE TYPE \"public\".\"absence_reason\" AS ENUM('ILLNESS', 'CHILD_ILLNESS', 'AUTHORISED', 'UNAUTHORISED', 'OTHER')");
    await queryRunner.query(
      'CREATE TABLE "attendance_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "period_id" uuid NOT NULL, "trainee_id" uuid NOT NULL, "date" date NOT NULL, "status" "public"."attendance_status" NOT NULL, "hours" numeric(4,2), "absence_reason" "public"."absence_reason", "note" text, "recorded_by" text, CONSTRAINT "CHK_7d18e6ac79f13042f6eb99c7bc" CHECK (("status" = \'PRESENT\' AND "hours" > 0 AND "absence_reason" IS NULL) OR ("status" = \'ABSENT\' AND "absence_reason" IS NOT NULL)), CONSTRAINT "PK_0d1f1a7ac61fd87beb4d8cf1f62" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_461a89aa11644d4129ea906f65" ON "attendance_entry"  ("trainee_id", "date") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_e6b72eb120fee86457829fe5f4" ON "attendance_entry"  ("period_id", "date") ');
    await queryRunner.query('CREATE TYPE "public"."diary_entry_kind" AS ENUM(\'DAILY_LOG\', \'LEARNING_DIARY\')');
    await queryRunner.query(
      'CREATE TABLE "diary_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "period_id" uuid NOT NULL, "kind" "public"."diary_entry_kind" NOT NULL, "date" date NOT NULL, "author_id" text, "text" text NOT NULL, "tasks_done" text array NOT NULL DEFAULT \'{}\', "work_order_id" uuid, CONSTRAINT "PK_31547daef53774d068540599e40" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_d2f0e68c95ac2d3640a249419d" ON "diary_entry"  ("work_order_id") ');
    await queryRunner.query('CREATE INDEX "IDX_c7d5ef4a677f5f1dadd3eb7b8e" ON "diary_entry"  ("period_id", "date") ');
    await queryRunner.query(
      'CREATE TABLE "capacity_instrument" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "code" character varying NOT NULL, "version" integer NOT NULL, "name" jsonb NOT NULL, "source" text, CONSTRAINT "PK_0ecb1b4259b684882f8eda133c6" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_67e106546289bb4686273bd56d" ON "capacity_instrument"  ("code", "version") ');
    await queryRunner.query(
      'CREATE TABLE "capacity_dimension_definition" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "instrument_id" uuid NOT NULL, "code" character varying NOT NULL, "name" jsonb NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_dd6eb3ba0f765782a796985b55e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_e39a07efcc9b4f2be3d59eea77" ON "capacity_dimension_definition"  ("instrument_id", "code") ');
    await queryRunner.query(
      'CREATE TABLE "capacity_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "dimension_id" uuid NOT NULL, "code" character varying NOT NULL, "text" jsonb NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_bb6a8a772d52e3f7595047cb97b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_357e3daefe07e6fbc74bf0cea0" ON "capacity_item"  ("dimension_id", "code") ');
    await queryRunner.query(
      'CREATE TABLE "capacity_assessment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "period_id" uuid NOT NULL, "trainee_id" uuid NOT NULL, "instrument_id" uuid NOT NULL, "assessed_on" date NOT NULL, "assessor_id" text, "summary" text, CONSTRAINT "PK_3eefd2009496d0de17816ae4dc2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_56d8fe0226cbdc7c0d3b906386" ON "capacity_assessment"  ("period_id") ');
    await queryRunner.query('CREATE INDEX "IDX_d32249345e60e3b492415dd923" ON "capacity_assessment"  ("trainee_id", "assessed_on") ');
    await queryRunner.query(
      'CREATE TABLE "capacity_score" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "assessment_id" uuid NOT NULL, "item_id" uuid NOT NULL, "score" smallint NOT NULL, "note" text, CONSTRAINT "CHK_f09e38c79194d8e40c7ec7283e" CHECK ("score" BETWEEN 1 AND 5), CONSTRAINT "PK_f378a12a14258b1dec4f9172b26" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_bf7163c8607b79212d43d0d806" ON "capacity_score"  ("item_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_975bce3e0383561345d3a9c415" ON "capacity_score"  ("assessment_id", "item_id") ');
    await queryRunner.query('CREATE TYPE "public"."final_summary_state" AS ENUM(\'DRAFT\', \'FINAL\')');
    await queryRunner.query(
      'CREATE TABLE "final_summary" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "period_id" uuid NOT NULL, "capacity_statement" text, "competence_summary" text, "recommendations" text array NOT NULL DEFAULT \'{}\', "continuation_plan" text, "unit_representative" text, "state" "public"."final_summary_state" NOT NULL DEFAULT \'DRAFT\', "finalised_at" TIMESTAMP WITH TIME ZONE, "finalised_by" text, CONSTRAINT "UQ_0d078926ff0b9b218551532187a" UNIQUE ("period_id"), CONSTRAINT "REL_0d078926ff0b9b218551532187" UNIQUE ("period_id"), CONSTRAINT "PK_f17db36bc0a6dd15eac80911208" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"group_session_topic\" AS ENUM('DEBT_COUNSELLING', 'EDUCATION_INFO', 'JOB_SEARCH', 'DIGITAL_SKILLS', 'ATTITUDE_TRAINING', 'WORKPLACE_VISIT', 'OTHER')",
    );
    await queryRunner.query(
      'CREATE TABLE "group_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "title" character varying NOT NULL, "topic" "public"."group_session_topic" NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "location" text, "facilitator" text, CONSTRAINT "PK_ccf8f8652472e1d0e53204585ee" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_0ff5dbd0738f8b3eff7854cb57" ON "group_session"  ("starts_at") ');
    await queryRunner.query(
      'CREATE TABLE "group_session_participant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "session_id" uuid NOT NULL, "trainee_id" uuid NOT NULL, "attended" boolean, CONSTRAINT "PK_c7b7b44ba80d994a1a4a96a39ef" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_006dcc04883fc3a1492d07e020" ON "group_session_participant"  ("trainee_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_2031237dce253f9a6b0d720a37" ON "group_session_participant"  ("session_id", "trainee_id") ');
    await queryRunner.query(
      'CREATE TABLE "state_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subject_type" character varying NOT NULL, "subject_id" uuid NOT NULL, "from_state" text, "to_state" character varying NOT NULL, "actor_id" text, "actor_role" text, "reason" text, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7c190d537f2aa3363805bb30d50" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_432a301f2b242a8682eacff104" ON "state_change"  ("subject_type", "subject_id", "changed_at") ');
    await queryRunner.query("CREATE TYPE \"public\".\"indicator_unit\" AS ENUM('PERCENT', 'COUNT', 'RATIO')");
    await queryRunner.query(
      'CREATE TABLE "indicator" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "code" character varying NOT NULL, "name" jsonb NOT NULL, "unit" "public"."indicator_unit" NOT NULL, "baseline_value" numeric(12,2), "baseline_year" integer, "higher_is_better" boolean NOT NULL DEFAULT true, CONSTRAINT "UQ_843bf8c0de69be8ea15fdc25fb7" UNIQUE ("code"), CONSTRAINT "PK_4693fe4c2cb912a71e05c589e7e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "indicator_target" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "indicator_id" uuid NOT NULL, "year" integer NOT NULL, "value" numeric(12,2) NOT NULL, CONSTRAINT "PK_9b6a07f7470f3a0f56e73b7a282" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_1740e90fed0c0a2b2d1e67f83e" ON "indicator_target"  ("indicator_id", "year") ');
    await queryRunner.query(
      'CREATE TABLE "indicator_measurement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "indicator_id" uuid NOT NULL, "measured_on" date NOT NULL, "value" numeric(12,2) NOT NULL, "note" text, CONSTRAINT "PK_4bfc2a71f28f3d2b66631349c58" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_4feebdf538ba0f7841e584bff9" ON "indicator_measurement"  ("indicator_id", "measured_on") ');
    await queryRunner.query("CREATE TYPE \"public\".\"outcome_checkpoint\" AS ENUM('AT_END', 'FOLLOW_UP_3_MONTHS', 'FOLLOW_UP_6_MONTHS')");
    await queryRunner.query(
      "CREATE TYPE \"public\".\"outcome_type\" AS ENUM('EMPLOYED_OPEN_MARKET', 'EMPLOYED_WAGE_SUBSIDY', 'STUDYING', 'WORK_TRIAL', 'OTHER_SERVICE', 'REHABILITATION', 'PENSION_ASSESSMENT', 'DROPPED_OUT', 'UNKNOWN')",
    );
    await queryRunner.query(
      'CREATE TABLE "outcome" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "period_id" uuid NOT NULL, "trainee_id" uuid NOT NULL, "checkpoint" "public"."outcome_checkpoint" NOT NULL, "type" "public"."outcome_type" NOT NULL, "observed_on" date NOT NULL, "note" text, "recorded_by" text, CONSTRAINT "PK_d721e56b4240f79aaa14cb54775" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_f10ecc755286e685647b10e23a" ON "outcome"  ("trainee_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_80746ce91def2cffb6d20a2a5a" ON "outcome"  ("period_id", "checkpoint") ');
    await queryRunner.query("CREATE TYPE \"public\".\"placement_kind\" AS ENUM('WORK_TRIAL', 'ON_THE_JOB_COACHING', 'PRE_COACHING', 'EMPLOYMENT')");
    await queryRunner.query(
      'CREATE TABLE "placement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "period_id" uuid NOT NULL, "trainee_id" uuid NOT NULL, "kind" "public"."placement_kind" NOT NULL, "work_unit_id" uuid, "partner_company_id" uuid, "start_date" date NOT NULL, "end_date" date, "supervisor_name" text, "supervisor_contact" text, "notes" text, CONSTRAINT "CHK_55138236701ce19cfbf11beef8" CHECK ("end_date" IS NULL OR "end_date" >= "start_date"), CONSTRAINT "CHK_c66890cabd4f76ea8445003ffe" CHECK (("work_unit_id" IS NULL) <> ("partner_company_id" IS NULL)), CONSTRAINT "PK_4f8b29ee2db5213bcb38b6c71c4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_eef95aac740230b6874aa40470" ON "placement"  ("period_id") ');
    await queryRunner.query('CREATE INDEX "IDX_e2db853e1642f1500a50c1f48c" ON "placement"  ("work_unit_id") ');
    await queryRunner.query('CREATE INDEX "IDX_1b14f827beb1a8f25f74ed4107" ON "placement"  ("partner_company_id") ');
    await queryRunner.query('CREATE INDEX "IDX_08d752f8c0ae07865d6b283414" ON "placement"  ("trainee_id", "start_date") ');
    await queryRunner.query(
      'CREATE TABLE "rate_limit_bucket" ("key" character varying(255) NOT NULL, "points" integer NOT NULL DEFAULT \'0\', "expire" bigint, CONSTRAINT "PK_f1310cfeb2b77745eb48247c6c7" PRIMARY KEY ("key"))',
    );
    await queryRunner.query(
      'CREATE TABLE "task_qualification_unit" ("task_id" uuid NOT NULL, "qualification_unit_id" uuid NOT NULL, CONSTRAINT "PK_7dab0849b0359da02e2f96c4cb9" PRIMARY KEY ("task_id", "qualification_unit_id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_b72e6ca6ee01f3613e7ee3bb51" ON "task_qualification_unit"  ("task_id") ');
    await queryRunner.query('CREATE INDEX "IDX_87f1ed6ecf8bd74e528b305c80" ON "task_qualification_unit"  ("qualification_unit_id") ');
    await queryRunner.query(
      'ALTER TABLE "case_manager" ADD CONSTRAINT "FK_522bffc3d3230790e0ced5bbeb8" FOREIGN KEY ("employment_area_id") REFERENCES "employment_area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "work_unit" ADD CONSTRAINT "FK_ed73a1654eb55128371f46d141c" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "trainee" ADD CONSTRAINT "FK_8abad70b17e82ffa65783e058aa" FOREIGN KEY ("employment_area_id") REFERENCES "employment_area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "referral" ADD CONSTRAINT "FK_561741485e6c92750c0c83cd2a6" FOREIGN KEY ("employment_area_id") REFERENCES "employment_area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "referral" ADD CONSTRAINT "FK_41b4689a828b275a08633e31398" FOREIGN KEY ("case_manager_id") REFERENCES "case_manager"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "referral" ADD CONSTRAINT "FK_2a8fc82fc05c4f3ea86e96c9f68" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "coaching_period" ADD CONSTRAINT "FK_5223626a32a0fbe06a1f99cf320" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "coaching_period" ADD CONSTRAINT "FK_23002f50111f99d776a6aff9d10" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "coaching_period" ADD CONSTRAINT "FK_fc88369cd156286899ccb8ae420" FOREIGN KEY ("coach_id") REFERENCES "staff_member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "coaching_period" ADD CONSTRAINT "FK_013f931509f3c43c79318cf9fb5" FOREIGN KEY ("career_agent_id") REFERENCES "staff_member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "check_point" ADD CONSTRAINT "FK_1dec18728dda63241d4c0d2d09f" FOREIGN KEY ("period_id") REFERENCES "coaching_period"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "qualification_unit" ADD CONSTRAINT "FK_2137b412bde3193e387d44ff030" FOREIGN KEY ("qualification_id") REFERENCES "qualification"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "competence_requirement" ADD CONSTRAINT "FK_b25f770e284aabdc999c4d6fe25" FOREIGN KEY ("unit_id") REFERENCES "qualification_unit"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "competence_record" ADD CONSTRAINT "FK_4cfbee10cfc98edf1ba863f913e" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "competence_record" ADD CONSTRAINT "FK_6a408f8a23c9ef11718532f8ebd" FOREIGN KEY ("period_id") REFERENCES "coaching_period"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "competence_record" ADD CONSTRAINT "FK_a51687d1ea3b1691bb159b71803" FOREIGN KEY ("requirement_id") REFERENCES "competence_requirement"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "work_order" ADD CONSTRAINT "FK_37c6a0f104eb56d89e5325fcffc" FOREIGN KEY ("work_unit_id") REFERENCES "work_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "work_order" ADD CONSTRAINT "FK_3fd770e1b4d6651f8aff2564a5a" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "work_order_assignment" ADD CONSTRAINT "FK_34574064a23a9d75e3dbc051400" FOREIGN KEY ("work_order_id") REFERENCES "work_order"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "work_order_assignment" ADD CONSTRAINT "FK_30a208ffe75addb26aa155d5456" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "attendance_entry" ADD CONSTRAINT "FK_97cb06a4f21ed4e25aca7f03961" FOREIGN KEY ("period_id") REFERENCES "coaching_period"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "attendance_entry" ADD CONSTRAINT "FK_941e4ebbceb2b3660e821ce7f6d" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "diary_entry" ADD CONSTRAINT "FK_e14c7acbec3809b8cc40029e8a3" FOREIGN KEY ("period_id") REFERENCES "coaching_period"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "diary_entry" ADD CONSTRAINT "FK_d2f0e68c95ac2d3640a249419db" FOREIGN KEY ("work_order_id") REFERENCES "work_order"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "capacity_dimension_definition" ADD CONSTRAINT "FK_b572eb564cf71750ad987eb5fa4" FOREIGN KEY ("instrument_id") REFERENCES "capacity_instrument"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "capacity_item" ADD CONSTRAINT "FK_d47ff77c7a65228bafce295a142" FOREIGN KEY ("dimension_id") REFERENCES "capacity_dimension_definition"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "capacity_assessment" ADD CONSTRAINT "FK_56d8fe0226cbdc7c0d3b9063869" FOREIGN KEY ("period_id") REFERENCES "coaching_period"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "capacity_assessment" ADD CONSTRAINT "FK_9df72098575020a3cafd53bb598" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "capacity_assessment" ADD CONSTRAINT "FK_c43799f4ef09da2411ed58442f4" FOREIGN KEY ("instrument_id") REFERENCES "capacity_instrument"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "capacity_score" ADD CONSTRAINT "FK_2f750b191d0a672b111d3301832" FOREIGN KEY ("assessment_id") REFERENCES "capacity_assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "capacity_score" ADD CONSTRAINT "FK_bf7163c8607b79212d43d0d806f" FOREIGN KEY ("item_id") REFERENCES "capacity_item"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "final_summary" ADD CONSTRAINT "FK_0d078926ff0b9b218551532187a" FOREIGN KEY ("period_id") REFERENCES "coaching_period"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "group_session_participant" ADD CONSTRAINT "FK_5ae0ae378d77c813ef6aece129a" FOREIGN KEY ("session_id") REFERENCES "group_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "group_session_participant" ADD CONSTRAINT "FK_006dcc04883fc3a1492d07e0206" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "indicator_target" ADD CONSTRAINT "FK_aee24e10c440f5e7e44f95ce3bd" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "indicator_measurement" ADD CONSTRAINT "FK_48b1e5ffe43370ce4ff231e0cb4" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "outcome" ADD CONSTRAINT "FK_c8bed70deca3f93bc8505656e84" FOREIGN KEY ("period_id") REFERENCES "coaching_period"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "outcome" ADD CONSTRAINT "FK_f10ecc755286e685647b10e23a4" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "placement" ADD CONSTRAINT "FK_eef95aac740230b6874aa404706" FOREIGN KEY ("period_id") REFERENCES "coaching_period"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "placement" ADD CONSTRAINT "FK_62aa146d0e18560104a2b93a967" FOREIGN KEY ("trainee_id") REFERENCES "trainee"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "placement" ADD CONSTRAINT "FK_e2db853e1642f1500a50c1f48c4" FOREIGN KEY ("work_unit_id") REFERENCES "work_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "placement" ADD CONSTRAINT "FK_1b14f827beb1a8f25f74ed4107c" FOREIGN KEY ("partner_company_id") REFERENCES "partner_company"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "task_qualification_unit" ADD CONSTRAINT "FK_b72e6ca6ee01f3613e7ee3bb51e" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE',
    );
    await queryRunner.query(
      'ALTER TABLE "task_qualification_unit" ADD CONSTRAINT "FK_87f1ed6ecf8bd74e528b305c801" FOREIGN KEY ("qualification_unit_id") REFERENCES "qualification_unit"("id") ON DELETE CASCADE ON UPDATE CASCADE',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "task_qualification_unit" DROP CONSTRAINT "FK_87f1ed6ecf8bd74e528b305c801"');
    await queryRunner.query('ALTER TABLE "task_qualification_unit" DROP CONSTRAINT "FK_b72e6ca6ee01f3613e7ee3bb51e"');
    await queryRunner.query('ALTER TABLE "placement" DROP CONSTRAINT "FK_1b14f827beb1a8f25f74ed4107c"');
    await queryRunner.query('ALTER TABLE "placement" DROP CONSTRAINT "FK_e2db853e1642f1500a50c1f48c4"');
    await queryRunner.query('ALTER TABLE "placement" DROP CONSTRAINT "FK_62aa146d0e18560104a2b93a967"');
    await queryRunner.query('ALTER TABLE "placement" DROP CONSTRAINT "FK_eef95aac740230b6874aa404706"');
    await queryRunner.query('ALTER TABLE "outcome" DROP CONSTRAINT "FK_f10ecc755286e685647b10e23a4"');
    await queryRunner.query('ALTER TABLE "outcome" DROP CONSTRAINT "FK_c8bed70deca3f93bc8505656e84"');
    await queryRunner.query('ALTER TABLE "indicator_measurement" DROP CONSTRAINT "FK_48b1e5ffe43370ce4ff231e0cb4"');
    await queryRunner.query('ALTER TABLE "indicator_target" DROP CONSTRAINT "FK_aee24e10c440f5e7e44f95ce3bd"');
    await queryRunner.query('ALTER TABLE "group_session_participant" DROP CONSTRAINT "FK_006dcc04883fc3a1492d07e0206"');
    await queryRunner.query('ALTER TABLE "group_session_participant" DROP CONSTRAINT "FK_5ae0ae378d77c813ef6aece129a"');
    await queryRunner.query('ALTER TABLE "final_summary" DROP CONSTRAINT "FK_0d078926ff0b9b218551532187a"');
    await queryRunner.query('ALTER TABLE "capacity_score" DROP CONSTRAINT "FK_bf7163c8607b79212d43d0d806f"');
    await queryRunner.query('ALTER TABLE "capacity_score" DROP CONSTRAINT "FK_2f750b191d0a672b111d3301832"');
    await queryRunner.query('ALTER TABLE "capacity_assessment" DROP CONSTRAINT "FK_c43799f4ef09da2411ed58442f4"');
    await queryRunner.query('ALTER TABLE "capacity_assessment" DROP CONSTRAINT "FK_9df72098575020a3cafd53bb598"');
    await queryRunner.query('ALTER TABLE "capacity_assessment" DROP CONSTRAINT "FK_56d8fe0226cbdc7c0d3b9063869"');
    await queryRunner.query('ALTER TABLE "capacity_item" DROP CONSTRAINT "FK_d47ff77c7a65228bafce295a142"');
    await queryRunner.query('ALTER TABLE "capacity_dimension_definition" DROP CONSTRAINT "FK_b572eb564cf71750ad987eb5fa4"');
    await queryRunner.query('ALTER TABLE "diary_entry" DROP CONSTRAINT "FK_d2f0e68c95ac2d3640a249419db"');
    await queryRunner.query('ALTER TABLE "diary_entry" DROP CONSTRAINT "FK_e14c7acbec3809b8cc40029e8a3"');
    await queryRunner.query('ALTER TABLE "attendance_entry" DROP CONSTRAINT "FK_941e4ebbceb2b3660e821ce7f6d"');
    await queryRunner.query('ALTER TABLE "attendance_entry" DROP CONSTRAINT "FK_97cb06a4f21ed4e25aca7f03961"');
    await queryRunner.query('ALTER TABLE "work_order_assignment" DROP CONSTRAINT "FK_30a208ffe75addb26aa155d5456"');
    await queryRunner.query('ALTER TABLE "work_order_assignment" DROP CONSTRAINT "FK_34574064a23a9d75e3dbc051400"');
    await queryRunner.query('ALTER TABLE "work_order" DROP CONSTRAINT "FK_3fd770e1b4d6651f8aff2564a5a"');
    await queryRunner.query('ALTER TABLE "work_order" DROP CONSTRAINT "FK_37c6a0f104eb56d89e5325fcffc"');
    await queryRunner.query('ALTER TABLE "competence_record" DROP CONSTRAINT "FK_a51687d1ea3b1691bb159b71803"');
    await queryRunner.query('ALTER TABLE "competence_record" DROP CONSTRAINT "FK_6a408f8a23c9ef11718532f8ebd"');
    await queryRunner.query('ALTER TABLE "competence_record" DROP CONSTRAINT "FK_4cfbee10cfc98edf1ba863f913e"');
    await queryRunner.query('ALTER TABLE "competence_requirement" DROP CONSTRAINT "FK_b25f770e284aabdc999c4d6fe25"');
    await queryRunner.query('ALTER TABLE "qualification_unit" DROP CONSTRAINT "FK_2137b412bde3193e387d44ff030"');
    await queryRunner.query('ALTER TABLE "check_point" DROP CONSTRAINT "FK_1dec18728dda63241d4c0d2d09f"');
    await queryRunner.query('ALTER TABLE "coaching_period" DROP CONSTRAINT "FK_013f931509f3c43c79318cf9fb5"');
    await queryRunner.query('ALTER TABLE "coaching_period" DROP CONSTRAINT "FK_fc88369cd156286899ccb8ae420"');
    await queryRunner.query('ALTER TABLE "coaching_period" DROP CONSTRAINT "FK_23002f50111f99d776a6aff9d10"');
    await queryRunner.query('ALTER TABLE "coaching_period" DROP CONSTRAINT "FK_5223626a32a0fbe06a1f99cf320"');
    await queryRunner.query('ALTER TABLE "referral" DROP CONSTRAINT "FK_2a8fc82fc05c4f3ea86e96c9f68"');
    await queryRunner.query('ALTER TABLE "referral" DROP CONSTRAINT "FK_41b4689a828b275a08633e31398"');
    await queryRunner.query('ALTER TABLE "referral" DROP CONSTRAINT "FK_561741485e6c92750c0c83cd2a6"');
    await queryRunner.query('ALTER TABLE "trainee" DROP CONSTRAINT "FK_8abad70b17e82ffa65783e058aa"');
    await queryRunner.query('ALTER TABLE "work_unit" DROP CONSTRAINT "FK_ed73a1654eb55128371f46d141c"');
    await queryRunner.query('ALTER TABLE "case_manager" DROP CONSTRAINT "FK_522bffc3d3230790e0ced5bbeb8"');
    await queryRunner.query('DROP INDEX "public"."IDX_87f1ed6ecf8bd74e528b305c80"');
    await queryRunner.query('DROP INDEX "public"."IDX_b72e6ca6ee01f3613e7ee3bb51"');
    await queryRunner.query('DROP TABLE "task_qualification_unit"');
    await queryRunner.query('DROP TABLE "rate_limit_bucket"');
    await queryRunner.query('DROP INDEX "public"."IDX_08d752f8c0ae07865d6b283414"');
    await queryRunner.query('DROP INDEX "public"."IDX_1b14f827beb1a8f25f74ed4107"');
    await queryRunner.query('DROP INDEX "public"."IDX_e2db853e1642f1500a50c1f48c"');
    await queryRunner.query('DROP INDEX "public"."IDX_eef95aac740230b6874aa40470"');
    await queryRunner.query('DROP TABLE "placement"');
    await queryRunner.query('DROP TYPE "public"."placement_kind"');
    await queryRunner.query('DROP INDEX "public"."IDX_80746ce91def2cffb6d20a2a5a"');
    await queryRunner.query('DROP INDEX "public"."IDX_f10ecc755286e685647b10e23a"');
    await queryRunner.query('DROP TABLE "outcome"');
    await queryRunner.query('DROP TYPE "public"."outcome_type"');
    await queryRunner.query('DROP TYPE "public"."outcome_checkpoint"');
    await queryRunner.query('DROP INDEX "public"."IDX_4feebdf538ba0f7841e584bff9"');
    await queryRunner.query('DROP TABLE "indicator_measurement"');
    await queryRunner.query('DROP INDEX "public"."IDX_1740e90fed0c0a2b2d1e67f83e"');
    await queryRunner.query('DROP TABLE "indicator_target"');
    await queryRunner.query('DROP TABLE "indicator"');
    await queryRunner.query('DROP TYPE "public"."indicator_unit"');
    await queryRunner.query('DROP INDEX "public"."IDX_432a301f2b242a8682eacff104"');
    await queryRunner.query('DROP TABLE "state_change"');
    await queryRunner.query('DROP INDEX "public"."IDX_2031237dce253f9a6b0d720a37"');
    await queryRunner.query('DROP INDEX "public"."IDX_006dcc04883fc3a1492d07e020"');
    await queryRunner.query('DROP TABLE "group_session_participant"');
    await queryRunner.query('DROP INDEX "public"."IDX_0ff5dbd0738f8b3eff7854cb57"');
    await queryRunner.query('DROP TABLE "group_session"');
    await queryRunner.query('DROP TYPE "public"."group_session_topic"');
    await queryRunner.query('DROP TABLE "final_summary"');
    await queryRunner.query('DROP TYPE "public"."final_summary_state"');
    await queryRunner.query('DROP INDEX "public"."IDX_975bce3e0383561345d3a9c415"');
    await queryRunner.query('DROP INDEX "public"."IDX_bf7163c8607b79212d43d0d806"');
    await queryRunner.query('DROP TABLE "capacity_score"');
    await queryRunner.query('DROP INDEX "public"."IDX_d32249345e60e3b492415dd923"');
    await queryRunner.query('DROP INDEX "public"."IDX_56d8fe0226cbdc7c0d3b906386"');
    await queryRunner.query('DROP TABLE "capacity_assessment"');
    await queryRunner.query('DROP INDEX "public"."IDX_357e3daefe07e6fbc74bf0cea0"');
    await queryRunner.query('DROP TABLE "capacity_item"');
    await queryRunner.query('DROP INDEX "public"."IDX_e39a07efcc9b4f2be3d59eea77"');
    await queryRunner.query('DROP TABLE "capacity_dimension_definition"');
    await queryRunner.query('DROP INDEX "public"."IDX_67e106546289bb4686273bd56d"');
    await queryRunner.query('DROP TABLE "capacity_instrument"');
    await queryRunner.query('DROP INDEX "public"."IDX_c7d5ef4a677f5f1dadd3eb7b8e"');
    await queryRunner.query('DROP INDEX "public"."IDX_d2f0e68c95ac2d3640a249419d"');
    await queryRunner.query('DROP TABLE "diary_entry"');
    await queryRunner.query('DROP TYPE "public"."diary_entry_kind"');
    await queryRunner.query('DROP INDEX "public"."IDX_e6b72eb120fee86457829fe5f4"');
    await queryRunner.query('DROP INDEX "public"."IDX_461a89aa11644d4129ea906f65"');
    await queryRunner.query('DROP TABLE "attendance_entry"');
    await queryRunner.query('DROP TYPE "public"."absence_reason"');
    await queryRunner.query('DROP TYPE "public"."attendance_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_24f91af37b0471f08ba3423092"');
    await queryRunner.query('DROP INDEX "public"."IDX_46de99629b7886738d0e5277de"');
    await queryRunner.query('DROP TABLE "work_order_assignment"');
    await queryRunner.query('DROP INDEX "public"."IDX_5d14792db7c6dcc71c7bd57214"');
    await queryRunner.query('DROP INDEX "public"."IDX_d2151c54835b13071d50a28425"');
    await queryRunner.query('DROP INDEX "public"."IDX_3fd770e1b4d6651f8aff2564a5"');
    await queryRunner.query('DROP TABLE "work_order"');
    await queryRunner.query('DROP TYPE "public"."work_order_state"');
    await queryRunner.query('DROP TABLE "task"');
    await queryRunner.query('DROP TYPE "public"."protective_gear"');
    await queryRunner.query('DROP TYPE "public"."work_field"');
    await queryRunner.query('DROP INDEX "public"."IDX_57b4e0bc0d16af59bc76b0b9a8"');
    await queryRunner.query('DROP INDEX "public"."IDX_a51687d1ea3b1691bb159b7180"');
    await queryRunner.query('DROP INDEX "public"."IDX_6a408f8a23c9ef11718532f8eb"');
    await queryRunner.query('DROP TABLE "competence_record"');
    await queryRunner.query('DROP TYPE "public"."competence_state"');
    await queryRunner.query('DROP INDEX "public"."IDX_c8eccf3b0482e3e80f72b3512e"');
    await queryRunner.query('DROP TABLE "competence_requirement"');
    await queryRunner.query('DROP INDEX "public"."IDX_eed524256fd0885526cc6569c8"');
    await queryRunner.query('DROP TABLE "qualification_unit"');
    await queryRunner.query('DROP TABLE "qualification"');
    await queryRunner.query('DROP INDEX "public"."IDX_1dec18728dda63241d4c0d2d09"');
    await queryRunner.query('DROP TABLE "check_point"');
    await queryRunner.query('DROP INDEX "public"."IDX_b6ef1342e50a1cec43098b0fb8"');
    await queryRunner.query('DROP INDEX "public"."IDX_8858bbb083850c9c16ac1cf3de"');
    await queryRunner.query('DROP INDEX "public"."IDX_013f931509f3c43c79318cf9fb"');
    await queryRunner.query('DROP INDEX "public"."IDX_fc88369cd156286899ccb8ae42"');
    await queryRunner.query('DROP INDEX "public"."IDX_23002f50111f99d776a6aff9d1"');
    await queryRunner.query('DROP TABLE "coaching_period"');
    await queryRunner.query('DROP TYPE "public"."period_phase"');
    await queryRunner.query('DROP INDEX "public"."IDX_2222cec4a3cf351f2290aa0021"');
    await queryRunner.query('DROP TABLE "staff_member"');
    await queryRunner.query('DROP TYPE "public"."staff_role"');
    await queryRunner.query('DROP INDEX "public"."IDX_b665a6ec8da92a41bea0bd3df6"');
    await queryRunner.query('DROP INDEX "public"."referral_one_open_per_service"');
    await queryRunner.query('DROP INDEX "public"."IDX_2a8fc82fc05c4f3ea86e96c9f6"');
    await queryRunner.query('DROP INDEX "public"."IDX_41b4689a828b275a08633e3139"');
    await queryRunner.query('DROP TABLE "referral"');
    await queryRunner.query('DROP TYPE "public"."referral_state"');
    await queryRunner.query('DROP TYPE "public"."participation_basis"');
    await queryRunner.query('DROP TYPE "public"."service_form"');
    await queryRunner.query('DROP INDEX "public"."IDX_a2a68796461fa67caa876f9e43"');
    await queryRunner.query('DROP INDEX "public"."IDX_8abad70b17e82ffa65783e058a"');
    await queryRunner.query('DROP TABLE "trainee"');
    await queryRunner.query('DROP TYPE "public"."cefr_level"');
    await queryRunner.query('DROP TABLE "partner_company"');
    await queryRunner.query('DROP INDEX "public"."IDX_ed73a1654eb55128371f46d141"');
    await queryRunner.query('DROP TABLE "work_unit"');
    await queryRunner.query('DROP TABLE "department"');
    await queryRunner.query('DROP INDEX "public"."IDX_522bffc3d3230790e0ced5bbeb"');
    await queryRunner.query('DROP TABLE "case_manager"');
    await queryRunner.query('DROP TABLE "employment_area"');
  }
}
