/* migrate-pg.h - `yichuang migrate-to-postgresql --from FILE --to CONNINFO`:
 * the command's side (progress, the table of counts, Ctrl-C); the copy
 * itself is store_migrate_to_pg (store-migrate-pg.h). */
#ifndef YC_MIGRATE_PG_H
#define YC_MIGRATE_PG_H

#include "settings.h"

/* Runs the migration; the exit status (0: moved and verified). The
 * password comes from cfg's database.password_file, else libpq's
 * PGPASSFILE or ~/.pgpass. */
int migrate_pg_command(const struct yc_settings *cfg, const char *from, const char *to);

#endif
