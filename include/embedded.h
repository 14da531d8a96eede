/* embedded.h - data files built into the program (see build-aux/embed.sh). */
#ifndef YC_EMBEDDED_H
#define YC_EMBEDDED_H

extern const char yc_data_schema_sql[];
extern const char yc_data_migrate_2_sql[];
extern const char yc_data_migrate_3_sql[];
extern const char yc_data_migrate_4_sql[];
extern const char yc_data_migrate_5_sql[];
extern const char yc_data_migrate_6_sql[];
extern const char yc_data_migrate_7_sql[];
extern const char yc_data_migrate_8_sql[];
extern const char yc_data_migrate_9_sql[];
extern const char yc_data_migrate_10_sql[];
extern const char yc_data_migrate_11_sql[];
extern const char yc_data_migrate_12_sql[];
extern const char yc_data_migrate_13_sql[];
extern const char yc_data_migrate_14_sql[];
extern const char yc_data_migrate_15_sql[];
extern const char yc_data_migrate_16_sql[];
extern const char yc_data_migrate_17_sql[];
extern const char yc_data_migrate_18_sql[];
extern const char yc_data_migrate_19_sql[];
extern const char yc_data_migrate_20_sql[];
extern const char yc_data_migrate_21_sql[];
extern const char yc_data_migrate_22_sql[];
extern const char yc_data_migrate_23_sql[];
extern const char yc_data_migrate_24_sql[];
extern const char yc_data_migrate_25_sql[];
extern const char yc_data_migrate_26_sql[];
extern const char yc_data_migrate_27_sql[];
extern const char yc_data_migrate_28_sql[];
extern const char yc_data_pg_schema_sql[];   /* data/pg/schema.sql */
extern const char yc_data_pg_migrate_28_sql[];   /* data/pg/migrate-28.sql */
extern const char yc_data_base_sql[];
extern const char yc_data_assessment_criteria_sql[];
extern const char yc_data_bundles_sql[];
extern const char yc_data_scenarios_sql[];
extern const char yc_data_demo_catalog_sql[];
extern const char yc_data_demo_cases_sql[];
extern const char yc_data_pg_audit_sql[];
extern const char yc_data_pg_demo_cases_sql[];
extern const char yc_data_holidays_cn_txt[];
extern const char yc_data_pinyin_txt[];
extern const char yc_data_sms_appointment_reminder_txt[];
extern const char yc_data_sms_appointment_moved_txt[];
extern const char yc_data_sms_rating_txt[];
extern const char yc_data_ticket_txt[];
extern const char yc_data_precheck_txt[];
extern const char yc_data_acceptance_txt[];
extern const char yc_data_one_time_txt[];
extern const char yc_data_waiver_commitment_txt[];
extern const char yc_data_sms_gap_reminder_txt[];
extern const char yc_data_promise_txt[];
extern const char yc_data_non_acceptance_txt[];
extern const char yc_data_slip_txt[];
extern const char yc_data_termination_txt[];
extern const char yc_data_licence_txt[];
extern const char yc_data_assessment_txt[];
extern const char yc_data_sms_completion_txt[];
extern const char yc_data_sms_mail_txt[];
extern const char yc_data_sms_reminder_txt[];

#endif
