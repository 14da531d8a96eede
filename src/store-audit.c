/* store-audit.c - what makes a change made outside the program show in
 * `yichuang check`. Whoever can write the database file can change
 * anything in it; the program cannot stop that, only make it visible:
 *
 *  - the key: 32 random bytes in a file on each station's own disk
 *    (database.key_file, /etc/yichuang/event.key; `yichuang keygen`),
 *    never in the database. Events are hashed with it (events.key_id names
 *    it), so a chain recomputed after an edit does not verify without it.
 *  - seals: each record of the sealed tables (cases, applicants, users,
 *    notices, results) carries a keyed digest of its other columns in its
 *    column `seal`. A preupdate hook notes every record the connection
 *    changes (on a PostgreSQL server, row triggers into the session's
 *    temporary tables: store-audit-pg.c); store_event seals them and lists them in the event
 *    (events.row_seals: table, id, old seal XOR new seal, flags), inside
 *    the event's hash. So: a record edited with the sqlite3 shell no longer
 *    matches its seal; one put back to an earlier state, or deleted, breaks
 *    the sum of the seal changes the log lists (per record, the XOR of its
 *    changes is its present seal); and a record the program changes after
 *    someone else did is found by the hook, whose old values no longer
 *    match the old seal, and the event says so for ever.
 *  - heads: after each save a station writes the last event it saw and
 *    the one it wrote to a file on its own disk; check compares them with
 *    the log, so a log that lost its last events shows.
 *  - the triggers the program made, compared with those in the file (on
 *    a server: store-audit-pg.c).
 *
 * A station without the key works as before: its events carry no key id
 * and its seals are unkeyed digests; check names them as not verifiable.
 * Events from before schema 13 keep their unkeyed hash and no seals;
 * records from before it have no seal until they change or `yichuang
 * seal` seals them, and the migration's event says up to which id of each
 * table that is. */
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dialect.h"
#include "embedded.h"
#include "store-internal.h"

/* The sealed tables. Their codes go into events.row_seals: never renumber. */
#define SEAL_TABLES 5
#define SEAL_LEN 17            /* columns covered (1 byte) + 16-byte digest */
#define MENTION_LEN 27         /* table, rowid (8, LE), delta (17), flags */

enum {
	F_ALTERED = 0x01,      /* its seal did not match it as found: changed outside the program */
	F_UNKEYED = 0x02,      /* sealed without the key */
	F_GONE = 0x04,         /* deleted */
	F_UNSEALED = 0x08,     /* had no seal as found (from before schema 13, or made outside) */
	F_BOUNDARY = 0x10,     /* not a change: records up to this id predate the seals */
	F_ACCEPTED = 0x20,     /* `yichuang seal`: the administrator took it as it was */
	F_REPLACED = 0x40      /* its seal was not the one the log gave it */
};

struct sealed_table {
	const char *name;
	/* (each table's id is its rowid on SQLite: the same SQL on both backends) */
	const char *select_one;    /* the record by rowid, all columns */
	const char *update_seal;
	const char *max_id;
	const char *label_sql;     /* what an administrator knows it by */
	const char *select_from;   /* rowid, then all columns, after an id, in rowid order (a page) */
};

static const struct sealed_table tables[SEAL_TABLES] = {
	{ "cases", "SELECT * FROM cases WHERE id = ?1",
	  "UPDATE cases SET seal = ?2 WHERE id = ?1", "SELECT max(id) FROM cases",
	  "SELECT coalesce(case_number, '') FROM cases WHERE id = ?1",
	  "SELECT id, * FROM cases WHERE id > ?1 ORDER BY id LIMIT ?2" },
	{ "applicants", "SELECT * FROM applicants WHERE id = ?1",
	  "UPDATE applicants SET seal = ?2 WHERE id = ?1", "SELECT max(id) FROM applicants",
	  "SELECT name FROM applicants WHERE id = ?1",
	  "SELECT id, * FROM applicants WHERE id > ?1 ORDER BY id LIMIT ?2" },
	{ "users", "SELECT * FROM users WHERE id = ?1",
	  "UPDATE users SET seal = ?2 WHERE id = ?1", "SELECT max(id) FROM users",
	  "SELECT login FROM users WHERE id = ?1",
	  "SELECT id, * FROM users WHERE id > ?1 ORDER BY id LIMIT ?2" },
	{ "notices", "SELECT * FROM notices WHERE id = ?1",
	  "UPDATE notices SET seal = ?2 WHERE id = ?1", "SELECT max(id) FROM notices",
	  "SELECT number FROM notices WHERE id = ?1",
	  "SELECT id, * FROM notices WHERE id > ?1 ORDER BY id LIMIT ?2" },
	{ "results", "SELECT * FROM results WHERE id = ?1",
	  "UPDATE results SET seal = ?2 WHERE id = ?1", "SELECT max(id) FROM results",
	  "SELECT 'case ' || case_id FROM results WHERE id = ?1",
	  "SELECT id, * FROM results WHERE id > ?1 ORDER BY id LIMIT ?2" },
};

static int table_index(const char *name)
{
	int i;

	for (i = 0; i < SEAL_TABLES; i++)
		if (strcmp(tables[i].name, name) == 0)
			return i;
	return -1;
}

/* "case 12 (WSQ202611270001)": a record as a message names it. */
static void record_words(int t, int64_t id, const char *label, char *out, size_t n)
{
	const char *noun[SEAL_TABLES] = { _("case"), _("applicant"), _("user"), _("notice"), _("result") };

	if (label && label[0])
		snprintf(out, n, "%s %lld (%s)", noun[t], (long long)id, label);
	else
		snprintf(out, n, "%s %lld", noun[t], (long long)id);
}

/* The key ------------------------------------------------------------------- */

static unsigned char the_key[32];
static int have_key;
static char the_key_id[9];
static char the_key_path[1024];
static char key_problem[300];     /* why a key file that is there is not used */
static char heads_dir[1024];

static void key_id_of(const unsigned char key[32], char out[9])
{
	unsigned char d[16];

	crypto_generichash(d, sizeof d, (const unsigned char *)"yichuang key id", 15, key, 32);
	sodium_bin2hex(out, 9, d, 4);
}

int store_key_load(const char *path, struct yc_err *err)
{
	char text[80];
	size_t len;
	FILE *f;

	have_key = 0;
	the_key_id[0] = '\0';
	key_problem[0] = '\0';
	yc_strlcpy(the_key_path, path ? path : "", sizeof the_key_path);
	if (!path || !path[0])
		return 0;
	if (sodium_init() < 0) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("The cryptography library could not start."));
		return -1;
	}
	f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		snprintf(key_problem, sizeof key_problem, _("cannot read the key file %s: %s"), path, strerror(errno));
		yc_err_set(err, YC_EIO, "%s", key_problem);
		return -1;
	}
	len = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[len] = '\0';
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r' || text[len - 1] == ' '))
		text[--len] = '\0';
	if (len != 64 || sodium_hex2bin(the_key, sizeof the_key, text, len, NULL, NULL, NULL) != 0) {
		snprintf(key_problem, sizeof key_problem,
			 _("the key file %s is not a yichuang key (64 hexadecimal digits)"), path);
		yc_err_set(err, YC_ECONFIG, "%s", key_problem);
		return -1;
	}
	have_key = 1;
	key_id_of(the_key, the_key_id);
	return 1;
}

const char *store_key_path(void)
{
	return the_key_path;
}

const char *store_key_id(void)
{
	return the_key_id;
}

const unsigned char *store_audit_key(void)
{
	return have_key ? the_key : NULL;
}

const char *store_audit_key_id(void)
{
	return have_key ? the_key_id : NULL;
}

int store_keygen(const char *path, char key_id[9], struct yc_err *err)
{
	unsigned char key[32];
	char hex[65], dir[1024], *slash;
	int fd;

	if (sodium_init() < 0) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("The cryptography library could not start."));
		return -1;
	}
	yc_strlcpy(dir, path, sizeof dir);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (yc_mkdirs(dir) != 0) {
			yc_err_set(err, YC_EIO, _("Cannot create the folder %s: %s."), dir, strerror(errno));
			return -1;
		}
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			yc_err_set(err, YC_EEXISTS,
				   _("%s already exists; keygen never replaces a key (records sealed with it could no longer be verified)."),
				   path);
		else
			yc_err_set(err, YC_EIO, _("Cannot write the key %s: %s."), path, strerror(errno));
		return -1;
	}
	randombytes_buf(key, sizeof key);
	sodium_bin2hex(hex, sizeof hex, key, sizeof key);
	strcat(hex, "\n");
	if (write(fd, hex, 65) != 65 || fsync(fd) != 0) {
		yc_err_set(err, YC_EIO, _("Cannot write the key %s: %s."), path, strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	key_id_of(key, key_id);
	sodium_memzero(key, sizeof key);
	return 0;
}

void store_heads_dir(const char *dir)
{
	yc_strlcpy(heads_dir, dir ? dir : "", sizeof heads_dir);
}

/* Serialized values and seals ---------------------------------------------------- */

/* A row's columns one after the other: a type letter, then 8 bytes for
 * numbers, or a 4-byte length and the bytes for text and blobs. */
struct ser {
	unsigned char *p;
	size_t len, cap;
	int n;
};

static int ser_put(struct ser *b, const void *data, size_t n)
{
	if (yc_reserve(&b->p, &b->cap, b->len + n, 1) < 0)
		return -1;
	memcpy(b->p + b->len, data, n);
	b->len += n;
	return 0;
}

static void le64(unsigned char out[8], uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		out[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_le64(const unsigned char in[8])
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | in[i];
	return v;
}

/* One value: the same bytes whichever backend gave it (SQLite's storage
 * class, or PostgreSQL's column type as db_col_type names it: bigint
 * 'i', double 'f', text 't', bytea 'b'), so that a record's seal is the
 * same on both. */
static int ser_typed(struct ser *b, int type, int64_t i, double d, const void *data, size_t n)
{
	unsigned char head[9];

	b->n++;
	switch (type) {
	case DB_INTEGER:
		head[0] = 'i';
		le64(head + 1, (uint64_t)i);
		return ser_put(b, head, 9);
	case DB_FLOAT: {
		uint64_t bits;

		memcpy(&bits, &d, sizeof bits);
		head[0] = 'f';
		le64(head + 1, bits);
		return ser_put(b, head, 9);
	}
	case DB_TEXT:
	case DB_BLOB:
		head[0] = type == DB_TEXT ? 't' : 'b';
		head[1] = (unsigned char)n;
		head[2] = (unsigned char)(n >> 8);
		head[3] = (unsigned char)(n >> 16);
		head[4] = (unsigned char)(n >> 24);
		return ser_put(b, head, 5) < 0 || (n && ser_put(b, data, n) < 0) ? -1 : 0;
	default:
		head[0] = 'n';
		return ser_put(b, head, 1);
	}
}

/* A value as SQLite's preupdate hook gives it. */
static int ser_value(struct ser *b, sqlite3_value *v)
{
	int type = v ? sqlite3_value_type(v) : SQLITE_NULL;

	switch (type) {
	case SQLITE_INTEGER:
		return ser_typed(b, DB_INTEGER, sqlite3_value_int64(v), 0, NULL, 0);
	case SQLITE_FLOAT:
		return ser_typed(b, DB_FLOAT, 0, sqlite3_value_double(v), NULL, 0);
	case SQLITE_TEXT:
		return ser_typed(b, DB_TEXT, 0, 0, sqlite3_value_text(v), (size_t)sqlite3_value_bytes(v));
	case SQLITE_BLOB:
		return ser_typed(b, DB_BLOB, 0, 0, sqlite3_value_blob(v), (size_t)sqlite3_value_bytes(v));
	default:
		return ser_typed(b, DB_NULL, 0, 0, NULL, 0);
	}
}

/* Column i of a selected row, on either backend. */
static int ser_col(struct ser *b, db_stmt *s, int i)
{
	int type = db_col_type(s, i);

	switch (type) {
	case DB_INTEGER:
		return ser_typed(b, type, db_col_int64(s, i), 0, NULL, 0);
	case DB_FLOAT:
		return ser_typed(b, type, 0, db_col_double(s, i), NULL, 0);
	case DB_TEXT: {
		const char *text = db_col_text(s, i);

		return ser_typed(b, type, 0, 0, text, (size_t)db_col_bytes(s, i));
	}
	case DB_BLOB: {
		const void *data = db_col_blob(s, i);

		return ser_typed(b, type, 0, 0, data, (size_t)db_col_bytes(s, i));
	}
	default:
		return ser_typed(b, DB_NULL, 0, 0, NULL, 0);
	}
}

/* A selected row's columns from the first, serialized into b afresh; -1
 * out of memory. */
static int ser_columns(struct ser *b, db_stmt *s, int first, int n)
{
	int i;

	b->len = 0;
	b->n = 0;
	for (i = first; i < n; i++)
		if (ser_col(b, s, i) < 0)
			return -1;
	return 0;
}

/* A selected row's columns after the first (its rowid), serialized into b
 * afresh; -1 out of memory. */
static int ser_row(struct ser *b, db_stmt *s, int n)
{
	return ser_columns(b, s, 1, n);
}

/* The size of the serialized column at pos; 0 when it runs past len. */
static size_t ser_size(const unsigned char *p, size_t len, size_t pos)
{
	size_t size;

	switch (p[pos]) {
	case 'i':
	case 'f':
		size = 9;
		break;
	case 't':
	case 'b':
		if (pos + 5 > len)
			return 0;
		size = 5 + ((size_t)p[pos + 1] | (size_t)p[pos + 2] << 8 | (size_t)p[pos + 3] << 16 |
			    (size_t)p[pos + 4] << 24);
		break;
	default:
		size = 1;
	}
	return pos + size > len ? 0 : size;
}

/* Column i of a serialized row: where it starts and how long it is. */
static int ser_column(const unsigned char *p, size_t len, int i, size_t *at, size_t *n)
{
	size_t pos = 0, size;
	int col;

	for (col = 0; pos < len; col++, pos += size) {
		if ((size = ser_size(p, len, pos)) == 0)
			return -1;
		if (col == i) {
			*at = pos;
			*n = size;
			return 0;
		}
	}
	return -1;
}

/* The seal column's value in a serialized row: 1 with the 17 bytes, 0
 * when NULL (or not there), -1 when it is something else. */
static int ser_seal(const unsigned char *p, size_t len, int seal_col, unsigned char out[SEAL_LEN])
{
	size_t at, n;

	if (seal_col < 0 || ser_column(p, len, seal_col, &at, &n) < 0 || p[at] == 'n')
		return 0;
	if (p[at] != 'b' || n != 5 + SEAL_LEN)
		return -1;
	memcpy(out, p + at + 5, SEAL_LEN);
	return 1;
}

/* The seal of a serialized row: its first `covered` columns other than the
 * seal's; -1 when the row has fewer. */
static int seal_of(const unsigned char *key, int t, int64_t rowid, const unsigned char *p, size_t len,
		   int seal_col, int covered, unsigned char out[SEAL_LEN])
{
	crypto_generichash_state h;
	unsigned char id[8];
	size_t pos = 0, size;
	int col, done = 0;

	crypto_generichash_init(&h, key, key ? 32 : 0, SEAL_LEN - 1);
	crypto_generichash_update(&h, (const unsigned char *)"yichuang seal 1", 16);
	crypto_generichash_update(&h, (const unsigned char *)tables[t].name, strlen(tables[t].name) + 1);
	le64(id, (uint64_t)rowid);
	crypto_generichash_update(&h, id, 8);
	for (col = 0; done < covered; col++, pos += size) {
		if (pos >= len || (size = ser_size(p, len, pos)) == 0)
			return -1;
		if (col == seal_col)
			continue;
		crypto_generichash_update(&h, p + pos, size);
		done++;
	}
	out[0] = (unsigned char)covered;
	crypto_generichash_final(&h, out + 1, SEAL_LEN - 1);
	return 0;
}

/* What a found seal says about the row as serialized: 'K' it is the
 * row's keyed seal, 'U' its seal made without the key, 'X' neither (or,
 * without the key, not its unkeyed one), '?' made with a key this
 * process does not have. */
static int seal_verdict(int t, int64_t rowid, const unsigned char *p, size_t len, int seal_col, int columns,
			const unsigned char seal[SEAL_LEN])
{
	unsigned char mine[SEAL_LEN];
	int covered = seal[0];

	if (covered < 1 || covered > columns - (seal_col >= 0))
		return 'X';
	if (have_key && seal_of(the_key, t, rowid, p, len, seal_col, covered, mine) == 0 &&
	    sodium_memcmp(mine, seal, SEAL_LEN) == 0)
		return 'K';
	if (seal_of(NULL, t, rowid, p, len, seal_col, covered, mine) == 0 && memcmp(mine, seal, SEAL_LEN) == 0)
		return 'U';
	return have_key ? 'X' : '?';
}

static void xor_into(unsigned char acc[SEAL_LEN], const unsigned char v[SEAL_LEN])
{
	int i;

	for (i = 0; i < SEAL_LEN; i++)
		acc[i] ^= v[i];
}

static int is_zero(const unsigned char v[SEAL_LEN])
{
	int i;

	for (i = 0; i < SEAL_LEN; i++)
		if (v[i])
			return 0;
	return 1;
}

/* The hooks: which sealed records the transaction changes ------------------------ */

static struct store_audit_change *find_change(struct store_audit *a, int t, int64_t rowid)
{
	int i;

	/* newest first: a transaction changes the same few records again */
	for (i = a->n_changes - 1; i >= 0; i--)
		if (a->changes[i].table == t && a->changes[i].rowid == rowid)
			return &a->changes[i];
	return NULL;
}

static void drop_changes(struct store_audit *a)
{
	int i;

	for (i = 0; i < a->n_changes; i++)
		free(a->changes[i].old);
	free(a->changes);
	a->changes = NULL;
	a->n_changes = a->cap_changes = 0;
}

/* A record changed, as it was before (old: its columns serialized; NULL
 * when the transaction made it), whichever backend told of it; the first
 * of the transaction's changes to it is the one kept. */
static void add_change(struct store_audit *a, int t, int64_t rowid, struct ser *old)
{
	struct store_audit_change *c;

	if (find_change(a, t, rowid)) {
		free(old ? old->p : NULL);
		return;   /* as it was before this transaction: noted already */
	}
	if (yc_grow(&a->changes, &a->cap_changes, (size_t)a->n_changes, sizeof *a->changes) < 0) {
		free(old ? old->p : NULL);
		a->lost = 1;
		return;
	}
	c = &a->changes[a->n_changes++];
	c->table = t;
	c->rowid = rowid;
	c->old = old ? (old->p ? old->p : malloc(1)) : NULL;
	c->old_len = old ? old->len : 0;
	c->old_columns = old ? old->n : 0;
}

/* SQLite's preupdate hook: the old row from the hook's values. */
static void note_change(struct yc_store *st, sqlite3 *db, int t, int64_t rowid, int with_old)
{
	struct ser b = { NULL, 0, 0, 0 };
	int i, n;

	if (find_change(&st->audit, t, rowid))
		return;
	if (with_old) {
		n = sqlite3_preupdate_count(db);
		for (i = 0; i < n; i++) {
			sqlite3_value *v = NULL;

			if (sqlite3_preupdate_old(db, i, &v) != SQLITE_OK || ser_value(&b, v) < 0) {
				free(b.p);
				st->audit.lost = 1;
				return;
			}
		}
	}
	add_change(&st->audit, t, rowid, with_old ? &b : NULL);
}

int store_audit_note(struct yc_store *st, const char *table, int64_t rowid, db_stmt *old)
{
	struct ser b = { NULL, 0, 0, 0 };
	int t = table_index(table);

	if (t < 0)
		return SQLITE_OK;
	if (old && ser_columns(&b, old, 0, db_col_count(old)) < 0) {
		free(b.p);
		return SQLITE_NOMEM;
	}
	add_change(&st->audit, t, rowid, old ? &b : NULL);
	return st->audit.lost ? SQLITE_NOMEM : SQLITE_OK;
}

const char *store_audit_table(int t)
{
	return t >= 0 && t < SEAL_TABLES ? tables[t].name : NULL;
}

static void on_preupdate(void *ctx, sqlite3 *db, int op, const char *schema, const char *name, sqlite3_int64 k1,
			 sqlite3_int64 k2)
{
	struct yc_store *st = ctx;
	int t;

	if (st->audit.sealing || strcmp(schema, "main") != 0 || (t = table_index(name)) < 0)
		return;
	if (op == SQLITE_INSERT) {
		note_change(st, db, t, k2, 0);
	} else if (op == SQLITE_DELETE) {
		note_change(st, db, t, k1, 1);
	} else {
		note_change(st, db, t, k1, 1);
		if (k2 != k1)
			note_change(st, db, t, k2, 0);
	}
}

/* The head file: the last event this station saw before its save and the
 * last it wrote, on its own disk. */
static void head_file(const char *db_path, const char *station, char *out, size_t n)
{
	unsigned char d1[8], d2[4];
	char h1[17], h2[9];

	crypto_generichash(d1, sizeof d1, (const unsigned char *)db_path, strlen(db_path), NULL, 0);
	crypto_generichash(d2, sizeof d2, (const unsigned char *)station, strlen(station), NULL, 0);
	sodium_bin2hex(h1, sizeof h1, d1, sizeof d1);
	sodium_bin2hex(h2, sizeof h2, d2, sizeof d2);
	snprintf(out, n, "%s/%s-%s", heads_dir, h1, h2);
}

static void write_head(struct yc_store *st)
{
	struct store_audit *a = &st->audit;
	char file[1200], part[1220];
	FILE *f;

	if (!heads_dir[0] || yc_mkdirs(heads_dir) != 0)
		return;
	head_file(st->path, st->station, file, sizeof file);
	snprintf(part, sizeof part, "%s.part", file);
	f = fopen(part, "w");
	if (!f)
		return;
	fprintf(f, "yichuang head 1\ngenesis %s\ndatabase %s\nstation %s\nseen %lld %s\nsaved %lld %s\ntime %lld\n",
		a->genesis[0] ? a->genesis : "-", st->path,
		st->station[0] ? st->station : "init", (long long)a->seen_id, a->seen_hash[0] ? a->seen_hash : "-", (long long)a->wrote_id,
		a->wrote_hash, (long long)time(NULL));
	if (fclose(f) != 0 || rename(part, file) != 0)
		unlink(part);
}

static int on_commit(void *ctx)
{
	struct yc_store *st = ctx;
	struct store_audit *a = &st->audit;

	if (a->n_changes > 0 && getenv("YC_AUDIT_STRICT")) {
		fprintf(stderr, "yichuang audit: %s %lld changed with no event after it: commit refused\n",
			tables[a->changes[0].table].name, (long long)a->changes[0].rowid);
		return 1;
	}
	store_audit_ended(st, 1);
	return 0;
}

static void on_rollback(void *ctx)
{
	store_audit_ended(ctx, 0);
}

void store_audit_ended(struct yc_store *st, int committed)
{
	struct store_audit *a = &st->audit;

	drop_changes(a);
	a->lost = 0;
	if (!committed) {
		free(a->extra);
		a->extra = NULL;
		a->extra_len = 0;
	} else if (a->wrote_id > 0) {
		write_head(st);
	}
	a->wrote_id = a->seen_id = 0;
}

void store_audit_detach(struct yc_store *st)
{
	if (!st->db || st->audit.db != st->db)
		return;
	sqlite3_preupdate_hook(st->db, NULL, NULL);
	sqlite3_commit_hook(st->db, NULL, NULL);
	sqlite3_rollback_hook(st->db, NULL, NULL);
	drop_changes(&st->audit);
	st->audit.db = NULL;
}

void store_audit_attach(struct yc_store *st)
{
	/* on a server: store_audit_pg_attach (store-audit-pg.c) */
	if (st->audit.db == st->db || !st->db)
		return;
	drop_changes(&st->audit);
	st->audit.db = st->db;
	st->audit.wrote_id = st->audit.seen_id = 0;
	sqlite3_preupdate_hook(st->db, on_preupdate, st);
	sqlite3_commit_hook(st->db, on_commit, st);
	sqlite3_rollback_hook(st->db, on_rollback, st);
}

/* The connection a value read from the database belongs to, either backend's. */
static const void *store_connection(const struct yc_store *st)
{
	return st->db ? (const void *)st->db : (const void *)st->pg;
}

static const char SQL_GENESIS[] = "SELECT hash FROM events ORDER BY id LIMIT 1";

/* The first event's hash: which database a head file speaks of (a file
 * made again at the same path is another one). */
static void read_genesis(struct yc_store *st, char out[17])
{
	db_stmt *s = store_prep(st, SQL_GENESIS);
	char hash[65] = "";

	if (s) {
		if (db_step(s) == DB_ROW)
			store_col_text(s, 0, hash, sizeof hash);
		db_reset(s);
	}
	yc_strlcpy(out, hash, 17);
}

void store_audit_wrote(struct yc_store *st, int64_t user_id, int64_t seen_id, const char *seen_hash, int64_t id,
		       const char *hash)
{
	struct store_audit *a = &st->audit;

	a->user_id = user_id;
	if (heads_dir[0] && a->genesis_conn != store_connection(st)) {
		read_genesis(st, a->genesis);
		a->genesis_conn = store_connection(st);
	}
	if (a->wrote_id == 0) {   /* the first event of the transaction: what was there before */
		a->seen_id = seen_id;
		yc_strlcpy(a->seen_hash, seen_hash ? seen_hash : "", sizeof a->seen_hash);
	}
	a->wrote_id = id;
	yc_strlcpy(a->wrote_hash, hash, sizeof a->wrote_hash);
}

static const char *const entity_of[SEAL_TABLES] = { "case", "applicant", "user", "notice", "result" };

int store_audit_finish(struct yc_store *st)
{
	struct store_audit *a = &st->audit;
	int rc;

	/* on a server the triggers noted them: read them first */
	if (st->pg && (rc = store_audit_pg_collect(st)) != SQLITE_OK)
		return rc;
	if (!a->n_changes && !a->lost)
		return SQLITE_OK;
	return store_event(st, a->user_id, a->n_changes ? entity_of[a->changes[0].table] : "database",
			   a->n_changes ? a->changes[0].rowid : 0, "also_changed", NULL, NULL);
}

/* Sealing ------------------------------------------------------------------------ */

struct mentions {
	unsigned char *p;
	size_t len, cap;
};

static int mention(struct mentions *m, int t, int64_t rowid, const unsigned char delta[SEAL_LEN], int flags)
{
	unsigned char rec[MENTION_LEN];

	rec[0] = (unsigned char)(t + 1);
	le64(rec + 1, (uint64_t)rowid);
	if (delta)
		memcpy(rec + 9, delta, SEAL_LEN);
	else
		memset(rec + 9, 0, SEAL_LEN);
	rec[26] = (unsigned char)flags;
	if (yc_reserve(&m->p, &m->cap, m->len + MENTION_LEN, 1) < 0)
		return -1;
	memcpy(m->p + m->len, rec, MENTION_LEN);
	m->len += MENTION_LEN;
	return 0;
}

/* The row as it is now, serialized; the seal column's index. 1 found, 0
 * not there, -1 error (st->rc), 2 the table has no seal column. */
static int read_row(struct yc_store *st, int t, int64_t rowid, struct ser *b, int *seal_col)
{
	db_stmt *s = store_prep(st, tables[t].select_one);
	int rc, i, n;

	b->len = 0;
	b->n = 0;
	if (!s)
		return -1;
	db_bind_int64(s, 1, rowid);
	rc = db_step(s);
	if (rc != DB_ROW) {
		db_reset(s);
		if (rc != DB_DONE) {
			st->rc = rc;
			return -1;
		}
		/* gone: the seal column's place from the statement itself */
		*seal_col = -1;
		for (i = 0, n = db_col_count(s); i < n; i++)
			if (strcmp(db_col_name(s, i), "seal") == 0)
				*seal_col = i;
		return *seal_col < 0 ? 2 : 0;
	}
	*seal_col = -1;
	n = db_col_count(s);
	for (i = 0; i < n; i++) {
		if (strcmp(db_col_name(s, i), "seal") == 0)
			*seal_col = i;
		if (ser_col(b, s, i) < 0) {
			db_reset(s);
			st->rc = SQLITE_NOMEM;
			return -1;
		}
	}
	db_reset(s);
	return *seal_col < 0 ? 2 : 1;
}

static int write_seal(struct yc_store *st, int t, int64_t rowid, const unsigned char seal[SEAL_LEN])
{
	db_stmt *s = store_prep(st, tables[t].update_seal);
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, rowid);
	db_bind_blob(s, 2, seal, SEAL_LEN);
	st->audit.sealing = 1;
	rc = db_step(s);
	st->audit.sealing = 0;
	db_reset(s);
	return rc == DB_DONE ? SQLITE_OK : rc;
}

static int seal_change(struct yc_store *st, const struct store_audit_change *c, struct ser *now,
		       struct mentions *m)
{
	unsigned char before[SEAL_LEN], after[SEAL_LEN], delta[SEAL_LEN];
	int seal_col, found, had, flags = 0, rc;

	found = read_row(st, c->table, c->rowid, now, &seal_col);
	if (found < 0)
		return st->rc;
	if (found == 2)
		return SQLITE_OK;     /* a schema without seals: nothing to do */
	memset(before, 0, sizeof before);
	if (c->old) {
		had = ser_seal(c->old, c->old_len, seal_col, before);
		if (had <= 0) {
			memset(before, 0, sizeof before);
			flags |= F_UNSEALED;
		} else {
			int v = seal_verdict(c->table, c->rowid, c->old, c->old_len, seal_col, c->old_columns, before);

			if (v == 'X')
				flags |= F_ALTERED;
		}
	}
	memset(after, 0, sizeof after);
	if (found) {
		int covered = now->n - 1;

		if (seal_of(store_audit_key(), c->table, c->rowid, now->p, now->len, seal_col, covered, after) < 0)
			return SQLITE_CORRUPT;
		if (!have_key)
			flags |= F_UNKEYED;
		if ((rc = write_seal(st, c->table, c->rowid, after)) != SQLITE_OK)
			return rc;
	} else {
		flags |= F_GONE;
	}
	if (!c->old && !found)
		return SQLITE_OK;     /* made and removed within the transaction */
	memcpy(delta, before, SEAL_LEN);
	xor_into(delta, after);
	return mention(m, c->table, c->rowid, delta, flags) < 0 ? SQLITE_NOMEM : SQLITE_OK;
}

int store_audit_flush(struct yc_store *st, const char *entity, int64_t entity_id, const char *action,
		      unsigned char **out, size_t *len)
{
	struct store_audit *a = &st->audit;
	struct mentions m = { NULL, 0, 0 };
	struct ser now = { NULL, 0, 0, 0 };
	int i, rc = SQLITE_OK;

	*out = NULL;
	*len = 0;
	if (st->pg && (rc = store_audit_pg_collect(st)) != SQLITE_OK)
		return rc;
	if (a->lost) {
		/* a change could not be noted (out of memory): better no save */
		drop_changes(a);
		a->lost = 0;
		return SQLITE_NOMEM;
	}
	for (i = 0; i < a->n_changes && rc == SQLITE_OK; i++)
		rc = seal_change(st, &a->changes[i], &now, &m);
	/* on a server the notes go only now: a seal rewritten as it was is
	 * noted again by the trigger, and is no change */
	if (rc == SQLITE_OK && st->pg && a->n_changes)
		rc = store_audit_pg_forget(st);
	drop_changes(a);
	/* the upgrade to schema 13: the records there are now have no seal */
	if (rc == SQLITE_OK && strcmp(entity, "schema") == 0 && entity_id == 13 && strcmp(action, "migrate") == 0) {
		for (i = 0; i < SEAL_TABLES && rc == SQLITE_OK; i++) {
			db_stmt *s = store_prep(st, tables[i].max_id);

			if (!s) {
				rc = st->rc;
				break;
			}
			if ((rc = db_step(s)) == DB_ROW) {
				rc = mention(&m, i, db_col_int64(s, 0), NULL, F_BOUNDARY) < 0 ? SQLITE_NOMEM
													: SQLITE_OK;
			}
			db_reset(s);
		}
	}
	free(now.p);
	if (rc == SQLITE_OK && a->extra_len) {
		size_t i2;

		for (i2 = 0; i2 + MENTION_LEN <= a->extra_len && rc == SQLITE_OK; i2 += MENTION_LEN) {
			const unsigned char *x = a->extra + i2;

			rc = mention(&m, x[0] - 1, (int64_t)get_le64(x + 1), x + 9, x[26]) < 0 ? SQLITE_NOMEM : SQLITE_OK;
		}
	}
	free(a->extra);
	a->extra = NULL;
	a->extra_len = 0;
	if (rc != SQLITE_OK) {
		free(m.p);
		return rc;
	}
	*out = m.p;
	*len = m.len;
	return SQLITE_OK;
}

/* Whether the log's recent events are sealed with a key ------------------------- */

static const char SQL_RECENT_KEYED[] =
	"SELECT count(key_id) FROM (SELECT key_id FROM events ORDER BY id DESC LIMIT 200) AS recent";

static int recent_keyed(struct yc_store *st, void *vctx, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_RECENT_KEYED);
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	rc = db_step(s);
	if (rc == DB_ROW)
		*(int *)vctx = db_col_int(s, 0) > 0;
	return rc == DB_ROW ? SQLITE_OK : rc;
}

int store_log_keyed(struct yc_store *st, struct yc_err *err)
{
	int keyed = 0;

	if (store_run(st, 0, recent_keyed, &keyed, err) < 0)
		return -1;
	return keyed;
}

const char *store_key_problem(void)
{
	return key_problem;
}

/* The check ------------------------------------------------------------------- */

static void audit_tx_say(store_report report, void *ctx, int ok, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void audit_tx_say(store_report report, void *ctx, int ok, const char *fmt, ...)
{
	char line[900];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	report(ctx, ok, line);
}

#define MAX_FINDINGS 200
#define MAX_SAID 10            /* lines of one kind before "and N more" */

enum finding_kind {
	K_ALTERED_BEFORE,      /* an event found it changed outside the program */
	K_ADDED_BEFORE,        /* an event found it without a seal, after the boundary */
	K_CONTENT,             /* its content does not match its seal */
	K_NO_SEAL,             /* no seal, made after the seals began */
	K_UNKEYED,             /* sealed without the key (in a keyed log) */
	K_BAD_SEAL,            /* its seal is no seal */
	K_MISSING,             /* the log has it, the table does not */
	K_NOT_AS_LEFT,         /* its seal is a valid one, not the one the log gave it */
	K_SEAL_GONE,           /* the log gave it a seal, it has none */
	K_STRAY_SEAL           /* it has a seal the log never gave it */
};

struct finding {
	enum finding_kind kind;
	int table;
	int64_t rowid;
	int64_t event_id;      /* the event that found it, or its last change (0: look it up) */
	int accepted;          /* found by an event before a `yichuang seal` */
};

struct restore_mark {
	int64_t event_id, first, last;   /* the events it dropped */
	long long at;                    /* when, seconds since 1970 */
	char when[20];
};

struct audit_check {
	store_report report;
	void *ctx;
	int problems;
	/* the event scan */
	long events;
	int64_t last_id;
	char last_hash[65];
	int64_t first_keyed;                    /* 0: no event carries a key id */
	long keyed_mine, keyed_other, unverifiable;
	char other_key[9];
	int64_t other_first, other_last;
	long changed;                           /* hash mismatches */
	int64_t boundary[SEAL_TABLES];          /* records up to these ids predate the seals */
	unsigned char xor_log[SEAL_TABLES][SEAL_LEN];
	long bad_mentions;
	/* stations that wrote without the key after the key was in use */
	struct { char station[64]; long n; int64_t first, last; } keyless[10];
	int n_keyless;
	long keyless_more, keyless_accepted;
	/* the tables */
	int has_seals;
	unsigned char xor_rows[SEAL_TABLES][SEAL_LEN];
	long rows[SEAL_TABLES], legacy[SEAL_TABLES], unkeyed[SEAL_TABLES], unverified[SEAL_TABLES];
	int localise[SEAL_TABLES];
	struct finding findings[MAX_FINDINGS];
	int n_findings;
	long findings_more;
	struct restore_mark restores[16];
	int n_restores;
	int64_t last_seal;                      /* the last `yichuang seal` event */
};

static void add_finding(struct audit_check *c, enum finding_kind kind, int t, int64_t rowid, int64_t event_id)
{
	int i;

	for (i = 0; i < c->n_findings; i++)
		if (c->findings[i].table == t && c->findings[i].rowid == rowid && c->findings[i].kind == kind)
			return;
	if (c->n_findings == MAX_FINDINGS) {
		c->findings_more++;
		c->problems++;
		return;
	}
	c->findings[c->n_findings++] = (struct finding){ kind, t, rowid, event_id, 0 };
	c->problems++;
}

/* The triggers: those a database made by this program has, nothing else. */
static const char SQL_TRIGGERS[] = DIALECT_TRIGGER_LIST;

static int load_triggers(sqlite3 *db, struct audit_trigger **out, int *n)
{
	db_stmt *s;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_lite_prepare(db, SQL_TRIGGERS, &s)) != SQLITE_OK)
		return rc;
	while ((rc = db_step(s)) == DB_ROW) {
		if (store_audit_add_trigger(s, out, &cap, n) < 0) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	db_finalize(s);
	return rc == DB_DONE ? SQLITE_OK : rc;
}

int store_audit_add_trigger(db_stmt *s, struct audit_trigger **out, size_t *cap, int *n)
{
	struct audit_trigger *t;
	const char *sql = db_col_text(s, 2);

	if (yc_grow(out, cap, (size_t)*n, sizeof **out) < 0)
		return -1;
	t = &(*out)[(*n)++];
	store_col_text(s, 0, t->name, sizeof t->name);
	store_col_text(s, 1, t->table, sizeof t->table);
	t->sql = strdup(sql ? sql : "");
	return t->sql ? 0 : -1;
}

void store_audit_free_triggers(struct audit_trigger *t, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(t[i].sql);
	free(t);
}

int store_audit_compare_triggers(store_report report, void *ctx, const struct audit_trigger *want, int n_want,
				 const struct audit_trigger *have, int n_have)
{
	int i, j, bad = 0;

	for (i = 0; i < n_want; i++) {
		for (j = 0; j < n_have && strcmp(have[j].name, want[i].name) != 0; j++)
			;
		if (j == n_have) {
			bad++;
			if (strcmp(want[i].table, "events") == 0)
				audit_tx_say(report, ctx, 0,
				    _("trigger %s on %s is missing: it was dropped outside the program, and the event log could be edited"),
				    want[i].name, want[i].table);
			else
				audit_tx_say(report, ctx, 0, _("trigger %s on %s is missing: it was dropped outside the program"),
				    want[i].name, want[i].table);
		} else if (strcmp(have[j].sql, want[i].sql) != 0 || strcmp(have[j].table, want[i].table) != 0) {
			bad++;
			audit_tx_say(report, ctx, 0, _("trigger %s on %s is not as yichuang made it: it was changed outside the program"),
			    have[j].name, have[j].table);
		}
	}
	for (j = 0; j < n_have; j++) {
		for (i = 0; i < n_want && strcmp(have[j].name, want[i].name) != 0; i++)
			;
		if (i == n_want) {
			bad++;
			audit_tx_say(report, ctx, 0,
			    _("trigger %s on %s was not made by yichuang: it was added outside the program and runs whenever %s changes"),
			    have[j].name, have[j].table, have[j].table);
		}
	}
	if (!bad)
		audit_tx_say(report, ctx, 1, _("triggers: the %d yichuang made, unchanged (the event log is append-only)"), n_want);
	return bad;
}

static int check_triggers(struct yc_store *st, struct audit_check *c)
{
	struct audit_trigger *want = NULL, *have = NULL;
	int n_want = 0, n_have = 0, i, rc;
	sqlite3 *fresh = NULL;

	/* what the program makes: every migration on an empty database */
	rc = sqlite3_open(":memory:", &fresh);
	for (i = 0; rc == SQLITE_OK && store_migration_sql(i); i++)
		rc = sqlite3_exec(fresh, store_migration_sql(i), NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = load_triggers(fresh, &want, &n_want);
	sqlite3_close(fresh);
	if (rc == SQLITE_OK)
		rc = load_triggers(st->db, &have, &n_have);
	if (rc == SQLITE_OK)
		c->problems += store_audit_compare_triggers(c->report, c->ctx, want, n_want, have, n_have);
	store_audit_free_triggers(want, n_want);
	store_audit_free_triggers(have, n_have);
	return rc;
}

/* A whole table read a page at a time, in id order: a server sends all
 * of a statement's rows at once, and a hall of 2,000,000 cases has 6.7
 * million events (check held 2.8 GB on a server: bench/README); on
 * SQLite a page starts with one seek. The statement's first column is
 * the id, ?1 the id the page follows, ?2 its rows. Inside one read
 * transaction, so the pages are one snapshot. */
#define PAGE_ROWS 5000

struct paged {
	db_stmt *s;
	int64_t after;
	int rows, open;
};

static void page_bind(struct paged *p)
{
	db_reset(p->s);
	db_bind_int64(p->s, 1, p->after);
	db_bind_int(p->s, 2, PAGE_ROWS);
	p->rows = 0;
	p->open = 1;
}

/* s from its first row on, bound already (db_col_count may describe it);
 * from the least id there can be: a row inserted outside the program
 * with an id of 0 or below is read too */
static struct paged paged_start(db_stmt *s)
{
	struct paged p = { s, INT64_MIN, 0, 0 };

	if (s)
		page_bind(&p);
	return p;
}

static int paged_step(struct paged *p)
{
	for (;;) {
		int rc;

		if (!p->open)
			page_bind(p);
		rc = db_step(p->s);
		if (rc == DB_ROW) {
			p->rows++;
			p->after = db_col_int64(p->s, 0);
			return rc;
		}
		if (rc != DB_DONE || p->rows < PAGE_ROWS)
			return rc;
		p->open = 0;   /* a full page: the next one */
	}
}

/* Whether a record without a seal is one from before the seals (schema
 * 13: the ids up to the boundary then) rather than one added outside the
 * program; the program's ids start at 1, so one of 0 or below never is. */
static int from_before_seals(int64_t rowid, int64_t boundary)
{
	return rowid > 0 && rowid <= boundary;
}

/* The event scan: the chain, the keys, the seals' changes. */
/* (row_seals in the page only when short: `seal`'s events list 20,000
 * records each, 1 MB a row as a server sends it, and 375 of them in a row
 * made one page 405 MB; a long one is read alone, SQL_EVENT_SEALS_OF) */
#define SEALS_IN_PAGE "CASE WHEN length(row_seals) <= 4096 THEN row_seals END, length(row_seals)"
static const char SQL_EVENTS_ALL[] =
	"SELECT id, at, coalesce(user_id, 0), station, entity, coalesce(entity_id, 0), action,"
	" old_value, new_value, hash, key_id, " SEALS_IN_PAGE " FROM events WHERE id > ?1 ORDER BY id LIMIT ?2";
static const char SQL_EVENT_SEALS_OF[] = "SELECT row_seals FROM events WHERE id = ?1";
static const char SQL_EVENTS_OLD[] =
	"SELECT id, at, coalesce(user_id, 0), station, entity, coalesce(entity_id, 0), action,"
	" old_value, new_value, hash FROM events WHERE id > ?1 ORDER BY id LIMIT ?2";

static void note_keyless(struct audit_check *c, const char *station, int64_t id)
{
	int i;

	for (i = 0; i < c->n_keyless; i++)
		if (strcmp(c->keyless[i].station, station) == 0)
			break;
	if (i == c->n_keyless) {
		if (c->n_keyless == (int)YC_ARRAY_LEN(c->keyless)) {
			c->keyless_more++;
			return;
		}
		yc_strlcpy(c->keyless[i].station, station, sizeof c->keyless[i].station);
		c->keyless[i].n = 0;
		c->keyless[i].first = id;
		c->n_keyless++;
	}
	c->keyless[i].n++;
	c->keyless[i].last = id;
}

static void note_restore(struct audit_check *c, int64_t id, const char *at, const char *what)
{
	struct restore_mark *r;
	long long n, first, last, when;

	if (c->n_restores == (int)YC_ARRAY_LEN(c->restores) || !what)
		return;
	/* a restore into an empty database on a server drops whatever came
	 * after the backup's last event (store-backup-pg.c) */
	if (sscanf(what, "dropped the events after %lld, at %lld", &first, &when) == 2)
		first++, last = INT64_MAX;
	else if (sscanf(what, "dropped %lld events: %lld-%lld, at %lld", &n, &first, &last, &when) != 4)
		return;
	r = &c->restores[c->n_restores++];
	r->event_id = id;
	r->first = first;
	r->last = last;
	r->at = when;
	yc_strlcpy(r->when, at ? at : "", sizeof r->when);
}

/* An event's row_seals from a page (columns col: the short ones, col + 1
 * its length): in place, or read alone into *own when the page left it
 * out. NULL with *len 0 when the event has none; -1 on an error. */
static int event_seals(struct yc_store *st, db_stmt *page, int col, int64_t id, unsigned char **own,
		       const unsigned char **seals, size_t *len)
{
	db_stmt *s;
	int rc;

	*seals = db_col_blob(page, col);
	*len = (size_t)db_col_bytes(page, col);
	if (db_col_type(page, col) != SQLITE_NULL || db_col_type(page, col + 1) == SQLITE_NULL)
		return SQLITE_OK;
	if (!(s = store_prep(st, SQL_EVENT_SEALS_OF)))
		return st->rc;
	db_bind_int64(s, 1, id);
	rc = db_step(s);
	if (rc == DB_ROW) {
		size_t n = (size_t)db_col_bytes(s, 0);
		unsigned char *copy = realloc(*own, n ? n : 1);

		if (!copy) {
			db_reset(s);
			return SQLITE_NOMEM;
		}
		if (n)
			memcpy(copy, db_col_blob(s, 0), n);
		*own = copy;
		*seals = copy;
		*len = n;
		rc = SQLITE_OK;
	}
	db_reset(s);
	return rc == SQLITE_OK || rc == DB_DONE ? SQLITE_OK : rc;
}

static int scan_events(struct yc_store *st, struct audit_check *c)
{
	db_stmt *s = store_prep(st, SQL_EVENTS_ALL);
	unsigned char *long_seals = NULL;
	char prev[65] = "", hash[65], uid[24], eid[24];
	struct paged page;
	int rc, v2 = 1;
	size_t i;

	if (!s) {
		v2 = 0;
		s = store_prep(st, SQL_EVENTS_OLD);
		if (!s)
			return st->rc;
	}
	page = paged_start(s);
	while ((rc = paged_step(&page)) == DB_ROW) {
		const char *fields[8];
		const char *stored = db_col_text(s, 9);
		const char *key_id = v2 ? db_col_text(s, 10) : NULL;
		const unsigned char *seals = NULL;
		size_t seals_len = 0;
		int64_t id = db_col_int64(s, 0);
		int verified = 1;

		if (v2 && (rc = event_seals(st, s, 11, id, &long_seals, &seals, &seals_len)) != SQLITE_OK)
			break;
		store_event_fields_of_row(s, uid, eid, fields);
		c->events++;
		if (key_id && !c->first_keyed)
			c->first_keyed = id;
		if (!key_id && db_col_type(s, 12) == SQLITE_NULL) {
			store_hash_event(prev, fields, 8, hash);
		} else if (!key_id) {
			store_hash_event_v2(NULL, prev, fields, NULL, seals, seals_len, hash);
		} else if (have_key && strcmp(key_id, the_key_id) == 0) {
			store_hash_event_v2(the_key, prev, fields, key_id, seals, seals_len, hash);
			c->keyed_mine++;
		} else {
			/* another key's, or none here: taken as it stands */
			verified = 0;
			yc_strlcpy(hash, stored ? stored : "", sizeof hash);
			if (have_key) {
				if (!c->keyed_other) {
					yc_strlcpy(c->other_key, key_id, sizeof c->other_key);
					c->other_first = id;
				}
				c->keyed_other++;
				c->other_last = id;
			} else {
				c->unverifiable++;
				if (!c->other_key[0])
					yc_strlcpy(c->other_key, key_id, sizeof c->other_key);
			}
		}
		if (!key_id && c->first_keyed)
			note_keyless(c, fields[2] ? fields[2] : "", id);
		if (verified && (!stored || strcmp(stored, hash) != 0)) {
			if (c->changed++ < MAX_SAID)
				audit_tx_say(c->report, c->ctx, 0,
				    _("event log: event %lld was changed, or an event before it was removed"), (long long)id);
		}
		yc_strlcpy(prev, stored ? stored : "", sizeof prev);
		c->last_id = id;
		yc_strlcpy(c->last_hash, prev, sizeof c->last_hash);
		if (fields[3] && strcmp(fields[3], "database") == 0 && fields[5] && strcmp(fields[5], "restore") == 0)
			note_restore(c, id, fields[0], fields[6]);
		if (fields[3] && strcmp(fields[3], "database") == 0 && fields[5] && strcmp(fields[5], "seal") == 0 &&
		    key_id && verified && stored && strcmp(stored, hash) == 0) {
			/* what was written without the key before, the administrator took as it was */
			int k;

			for (k = 0; k < c->n_keyless; k++)
				c->keyless_accepted += c->keyless[k].n;
			c->keyless_accepted += c->keyless_more;
			c->n_keyless = 0;
			c->keyless_more = 0;
			c->last_seal = id;
		}
		if (seals_len % MENTION_LEN) {
			c->bad_mentions++;
			continue;
		}
		for (i = 0; i < seals_len; i += MENTION_LEN) {
			const unsigned char *m = seals + i;
			int t = m[0] - 1, flags = m[26];
			int64_t rowid = (int64_t)get_le64(m + 1);

			if (t < 0 || t >= SEAL_TABLES) {
				c->bad_mentions++;
				continue;
			}
			if (flags & F_BOUNDARY) {
				c->boundary[t] = rowid;
				continue;
			}
			xor_into(c->xor_log[t], m + 9);
			if ((flags & F_ACCEPTED) == 0 && (flags & F_ALTERED))
				add_finding(c, K_ALTERED_BEFORE, t, rowid, id);
			if ((flags & F_ACCEPTED) == 0 && (flags & F_UNSEALED) && !from_before_seals(rowid, c->boundary[t]))
				add_finding(c, K_ADDED_BEFORE, t, rowid, id);
		}
	}
	free(long_seals);
	if (rc != DB_DONE)
		return rc;
	db_reset(s);
	/* what the events found before an administrator sealed it as it was */
	for (i = 0; i < (size_t)c->n_findings; i++) {
		struct finding *f = &c->findings[i];

		if ((f->kind == K_ALTERED_BEFORE || f->kind == K_ADDED_BEFORE) && f->event_id < c->last_seal) {
			f->accepted = 1;
			c->problems--;
		}
	}
	return SQLITE_OK;
}

static void report_events(struct audit_check *c)
{
	int i;

	if (c->changed > MAX_SAID)
		audit_tx_say(c->report, c->ctx, 0, _("event log: and %ld more events changed"), c->changed - MAX_SAID);
	c->problems += (int)c->changed;
	if (c->bad_mentions) {
		c->problems++;
		audit_tx_say(c->report, c->ctx, 0, _("event log: %ld events list changed records in a form yichuang never wrote"),
		    c->bad_mentions);
	}
	if (c->keyed_other) {
		c->problems++;
		audit_tx_say(c->report, c->ctx, 0,
		    _("event log: %ld events (from %lld to %lld) are sealed with the key %s, not with this PC's key %s: a station has another key file, or they were made outside the program"),
		    c->keyed_other, (long long)c->other_first, (long long)c->other_last, c->other_key, the_key_id);
	}
	if (c->unverifiable) {
		c->problems++;
		if (key_problem[0])
			audit_tx_say(c->report, c->ctx, 0,
			    _("event log: %ld events are sealed with the key %s, and this PC cannot use its key (%s): they cannot be verified"),
			    c->unverifiable, c->other_key, key_problem);
		else
			audit_tx_say(c->report, c->ctx, 0,
			    _("event log: %ld events are sealed with the key %s, but this PC has no key (%s): they cannot be verified"),
			    c->unverifiable, c->other_key, the_key_path[0] ? the_key_path : "-");
	}
	for (i = 0; i < c->n_keyless; i++) {
		c->problems++;
		audit_tx_say(c->report, c->ctx, 0,
		    _("event log: %ld events (from %lld to %lld) were written by %s without the key: what they say cannot be verified (give that station the key file)"),
		    c->keyless[i].n, (long long)c->keyless[i].first, (long long)c->keyless[i].last,
		    c->keyless[i].station[0] ? c->keyless[i].station : "?");
	}
	if (c->keyless_more) {
		c->problems++;
		audit_tx_say(c->report, c->ctx, 0, _("event log: and %ld more events written without the key"), c->keyless_more);
	}
	if (c->keyless_accepted)
		audit_tx_say(c->report, c->ctx, 1,
		    _("event log: %ld events written without the key before event %lld, when the administrator sealed the records: the administrator took them as they were"),
		    c->keyless_accepted, (long long)c->last_seal);
	if (c->changed || c->bad_mentions)
		return;
	if (c->first_keyed && c->keyed_mine)
		audit_tx_say(c->report, c->ctx, 1, _("event log: %ld events, chain intact; sealed with the key %s since event %lld"),
		    c->events, the_key_id, (long long)c->first_keyed);
	else if (c->first_keyed)
		audit_tx_say(c->report, c->ctx, 1, _("event log: %ld events, chain intact as far as this PC can tell"), c->events);
	else
		audit_tx_say(c->report, c->ctx, 1,
		    _("event log: %ld events, chain intact; no event is sealed with a key (yichuang keygen): an event edited outside the program with its chain recomputed would not show"),
		    c->events);
}

/* The tables: each record against its seal, and the seals' sum. */
static int scan_table(struct yc_store *st, struct audit_check *c, int t)
{
	db_stmt *s = store_prep(st, tables[t].select_from);
	struct ser b = { NULL, 0, 0, 0 };
	struct paged page = paged_start(s);
	int rc, seal_col = -1, i, n;

	if (!s)
		return st->rc;
	n = db_col_count(s);
	for (i = 1; i < n; i++)
		if (strcmp(db_col_name(s, i), "seal") == 0)
			seal_col = i - 1;
	if (seal_col < 0)
		return SQLITE_OK;
	c->has_seals = 1;
	while ((rc = paged_step(&page)) == DB_ROW) {
		int64_t rowid = db_col_int64(s, 0);
		unsigned char seal[SEAL_LEN];
		int kind;

		c->rows[t]++;
		if (ser_row(&b, s, n) < 0) {
			free(b.p);
			db_reset(s);
			return SQLITE_NOMEM;
		}
		kind = ser_seal(b.p, b.len, seal_col, seal);
		if (kind == 0) {
			if (from_before_seals(rowid, c->boundary[t]))
				c->legacy[t]++;
			else
				add_finding(c, K_NO_SEAL, t, rowid, 0);
			continue;
		}
		if (kind < 0) {
			add_finding(c, K_BAD_SEAL, t, rowid, 0);
			continue;
		}
		xor_into(c->xor_rows[t], seal);
		switch (seal_verdict(t, rowid, b.p, b.len, seal_col, b.n, seal)) {
		case 'K':
			break;
		case 'U':
			if (c->first_keyed)
				c->unkeyed[t]++;
			if (c->first_keyed && c->unkeyed[t] <= 3)
				add_finding(c, K_UNKEYED, t, rowid, 0);
			break;
		case '?':
			/* no key here: in a log never keyed it can only be a change */
			if (c->first_keyed)
				c->unverified[t]++;
			else
				add_finding(c, K_CONTENT, t, rowid, 0);
			break;
		default:
			add_finding(c, K_CONTENT, t, rowid, 0);
		}
	}
	free(b.p);
	db_reset(s);
	if (rc != DB_DONE)
		return rc;
	if (memcmp(c->xor_rows[t], c->xor_log[t], SEAL_LEN) != 0)
		c->localise[t] = 1;
	return SQLITE_OK;
}

/* Second look, only when something is wrong: per record of the tables to
 * localise, the XOR of its changes in the log (its seal as the log has
 * it) and its last event; for the records found, their last event. */
struct rec_entry {
	int64_t rowid;          /* 0: free slot */
	int64_t last_event;
	unsigned char expect[SEAL_LEN];
	unsigned char seen;
	unsigned char table;
};

struct rec_map {
	struct rec_entry *e;
	size_t cap, n;
};

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

static struct rec_entry *map_find(struct rec_map *m, int t, int64_t rowid, int add)
{
	size_t i;

	if (add && (m->n + 1) * 2 > m->cap) {
		struct rec_map bigger = { NULL, m->cap ? m->cap * 2 : 1024, 0 };
		size_t j;

		bigger.e = calloc(bigger.cap, sizeof *bigger.e);
		if (!bigger.e)
			return NULL;
		for (j = 0; j < m->cap; j++)
			if (m->e[j].rowid) {
				struct rec_entry *d = map_find(&bigger, m->e[j].table, m->e[j].rowid, 1);

				*d = m->e[j];
			}
		free(m->e);
		*m = bigger;
	}
	if (!m->cap)
		return NULL;
	for (i = mix((uint64_t)rowid * 8 + (uint64_t)t) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		struct rec_entry *e = &m->e[i];

		if (!e->rowid) {
			if (!add)
				return NULL;
			memset(e, 0, sizeof *e);
			e->rowid = rowid;
			e->table = (unsigned char)t;
			m->n++;
			return e;
		}
		if (e->rowid == rowid && e->table == t)
			return e;
	}
}

static const char SQL_EVENT_SEALS[] =
	"SELECT id, " SEALS_IN_PAGE " FROM events WHERE id > ?1 AND row_seals IS NOT NULL ORDER BY id LIMIT ?2";

static int audit_tx_collect(struct yc_store *st, struct audit_check *c, struct rec_map *m)
{
	db_stmt *s = store_prep(st, SQL_EVENT_SEALS);
	struct paged page = paged_start(s);
	unsigned char *long_seals = NULL;
	int rc, i;

	if (!s)
		return st->rc;
	/* the records found so far: their last event */
	for (i = 0; i < c->n_findings; i++)
		if (!map_find(m, c->findings[i].table, c->findings[i].rowid, 1))
			return SQLITE_NOMEM;
	while ((rc = paged_step(&page)) == DB_ROW) {
		int64_t id = db_col_int64(s, 0);
		const unsigned char *seals;
		size_t len, k;

		if ((rc = event_seals(st, s, 1, id, &long_seals, &seals, &len)) != SQLITE_OK)
			break;

		if (len % MENTION_LEN)
			continue;
		for (k = 0; k < len; k += MENTION_LEN) {
			const unsigned char *p = seals + k;
			int t = p[0] - 1;
			struct rec_entry *e;

			if (t < 0 || t >= SEAL_TABLES)
				continue;
			if (p[26] & F_BOUNDARY) {
				c->boundary[t] = (int64_t)get_le64(p + 1);
				continue;
			}
			e = map_find(m, t, (int64_t)get_le64(p + 1), c->localise[t]);
			if (!e) {
				if (c->localise[t]) {
					db_reset(s);
					free(long_seals);
					return SQLITE_NOMEM;
				}
				continue;
			}
			xor_into(e->expect, p + 9);
			e->last_event = id;
		}
	}
	db_reset(s);
	free(long_seals);
	return rc == DB_DONE ? SQLITE_OK : rc;
}

struct collect_args {
	struct audit_check *c;
	struct rec_map *m;
};

static int collect_run(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct collect_args *a = vctx;
	size_t j;

	(void)err;
	/* from scratch: a busy database runs this again */
	for (j = 0; j < a->m->cap; j++)
		a->m->e[j].rowid = 0;
	a->m->n = 0;
	return audit_tx_collect(st, a->c, a->m);
}

static int localise_table(struct yc_store *st, struct audit_check *c, struct rec_map *m, int t)
{
	db_stmt *s = store_prep(st, tables[t].select_from);
	struct ser b = { NULL, 0, 0, 0 };
	struct paged page = paged_start(s);
	int rc, seal_col = -1, i, n, before = c->n_findings + (int)c->findings_more;
	size_t j;

	if (!s)
		return st->rc;
	n = db_col_count(s);
	for (i = 1; i < n; i++)
		if (strcmp(db_col_name(s, i), "seal") == 0)
			seal_col = i - 1;
	while ((rc = paged_step(&page)) == DB_ROW) {
		int64_t rowid = db_col_int64(s, 0);
		struct rec_entry *e = map_find(m, t, rowid, 0);
		unsigned char seal[SEAL_LEN], zero[SEAL_LEN];
		int kind;

		if (ser_row(&b, s, n) < 0) {
			free(b.p);
			db_reset(s);
			return SQLITE_NOMEM;
		}
		kind = ser_seal(b.p, b.len, seal_col, seal);
		memset(zero, 0, sizeof zero);
		if (e)
			e->seen = 1;
		if (kind < 0)
			continue;     /* said already */
		if (kind == 0)
			memset(seal, 0, sizeof seal);
		if (memcmp(seal, e ? e->expect : zero, SEAL_LEN) == 0)
			continue;
		if (!e || is_zero(e->expect))
			add_finding(c, kind ? K_STRAY_SEAL : K_NO_SEAL, t, rowid, e ? e->last_event : 0);
		else if (!kind)
			add_finding(c, K_SEAL_GONE, t, rowid, e->last_event);
		else
			add_finding(c, K_NOT_AS_LEFT, t, rowid, e->last_event);
	}
	free(b.p);
	db_reset(s);
	if (rc != DB_DONE)
		return rc;
	for (j = 0; j < m->cap; j++) {
		struct rec_entry *e = &m->e[j];

		if (e->rowid && e->table == t && !e->seen && !is_zero(e->expect))
			add_finding(c, K_MISSING, t, e->rowid, e->last_event);
	}
	if (c->n_findings + (int)c->findings_more == before) {
		c->problems++;
		audit_tx_say(c->report, c->ctx, 0,
		    _("%s: the records' seals do not add up with the changes the event log lists: records were changed outside the program"),
		    tables[t].name);
	}
	return SQLITE_OK;
}

static const char SQL_EVENT_ONE[] =
	"SELECT entity, action, at, station FROM events WHERE id = ?1";

/* "event 57: case accept, 2026-11-27 09:12:00 at 1号窗口" */
static void event_words(struct yc_store *st, int64_t id, char *out, size_t n)
{
	db_stmt *s = id > 0 ? store_prep(st, SQL_EVENT_ONE) : NULL;

	out[0] = '\0';
	if (!s)
		return;
	db_bind_int64(s, 1, id);
	if (db_step(s) != DB_ROW)
		snprintf(out, n, _("event %lld"), (long long)id);
	else if (db_col_bytes(s, 3) > 0)
		snprintf(out, n, _("event %lld: %s %s, %s at %s"), (long long)id, db_col_text(s, 0),
			 db_col_text(s, 1), db_col_text(s, 2), db_col_text(s, 3));
	else
		snprintf(out, n, _("event %lld: %s %s, %s"), (long long)id, db_col_text(s, 0),
			 db_col_text(s, 1), db_col_text(s, 2));
	db_reset(s);
}

static void record_label(struct yc_store *st, int t, int64_t rowid, char *out, size_t n)
{
	db_stmt *s = store_prep(st, tables[t].label_sql);
	char label[128] = "";

	if (s) {
		db_bind_int64(s, 1, rowid);
		if (db_step(s) == DB_ROW)
			store_col_text(s, 0, label, sizeof label);
		db_reset(s);
	}
	record_words(t, rowid, label, out, n);
}

static void report_findings(struct yc_store *st, struct audit_check *c, struct rec_map *m)
{
	int i, said[K_STRAY_SEAL + 1] = { 0 };

	for (i = 0; i < c->n_findings; i++) {
		const struct finding *f = &c->findings[i];
		struct rec_entry *e = map_find(m, f->table, f->rowid, 0);
		char rec[200], ev[300], last[300];

		if (said[f->kind]++ >= MAX_SAID) {
			continue;
		}
		record_label(st, f->table, f->rowid, rec, sizeof rec);
		event_words(st, f->event_id, ev, sizeof ev);
		event_words(st, e ? e->last_event : 0, last, sizeof last);
		if (f->accepted) {
			char seal_ev[300];

			event_words(st, c->last_seal, seal_ev, sizeof seal_ev);
			if (f->kind == K_ALTERED_BEFORE)
				audit_tx_say(c->report, c->ctx, 1,
				    _("%s was changed outside the program, then the program changed it again (%s); the administrator took it as it was (%s)"),
				    rec, ev, seal_ev);
			else
				audit_tx_say(c->report, c->ctx, 1,
				    _("%s had no seal when the program changed it (%s); the administrator took it as it was (%s)"),
				    rec, ev, seal_ev);
			continue;
		}
		switch (f->kind) {
		case K_ALTERED_BEFORE:
			audit_tx_say(c->report, c->ctx, 0,
			    _("%s was changed outside the program, then the program changed it again (%s)"), rec, ev);
			break;
		case K_ADDED_BEFORE:
			audit_tx_say(c->report, c->ctx, 0, _("%s had no seal when the program changed it (%s): it was added outside the program"),
			    rec, ev);
			break;
		case K_CONTENT:
			if (last[0])
				audit_tx_say(c->report, c->ctx, 0,
				    _("%s is not as the program left it: changed outside the program after its last change (%s)"),
				    rec, last);
			else
				audit_tx_say(c->report, c->ctx, 0, _("%s is not as the program left it: changed outside the program"), rec);
			break;
		case K_NO_SEAL:
			audit_tx_say(c->report, c->ctx, 0, _("%s has no seal: it was added outside the program"), rec);
			break;
		case K_UNKEYED:
			audit_tx_say(c->report, c->ctx, 0,
			    _("%s was last changed by a station without the key: it cannot be verified (%ld such records in %s)"),
			    rec, c->unkeyed[f->table], tables[f->table].name);
			break;
		case K_BAD_SEAL:
			audit_tx_say(c->report, c->ctx, 0, _("%s has a seal yichuang never makes: it was changed outside the program"), rec);
			break;
		case K_MISSING:
			audit_tx_say(c->report, c->ctx, 0, _("%s is missing (its last change: %s): it was deleted outside the program"), rec,
			    ev);
			break;
		case K_NOT_AS_LEFT:
			audit_tx_say(c->report, c->ctx, 0,
			    _("%s is not as its last event left it (%s): it was put back to an earlier state outside the program, or the events of its later changes were removed"),
			    rec, ev);
			break;
		case K_SEAL_GONE:
			audit_tx_say(c->report, c->ctx, 0, _("%s lost its seal outside the program (its last change: %s)"), rec, ev);
			break;
		case K_STRAY_SEAL:
			audit_tx_say(c->report, c->ctx, 0,
			    _("%s carries a seal the event log never gave it: it was copied or made outside the program, or the events of its changes were removed"),
			    rec);
			break;
		}
	}
	for (i = 0; i <= K_STRAY_SEAL; i++)
		if (said[i] > MAX_SAID)
			audit_tx_say(c->report, c->ctx, 0, _("and %d more records like the last"), said[i] - MAX_SAID);
	if (c->findings_more)
		audit_tx_say(c->report, c->ctx, 0, _("and %ld more records found changed outside the program"), c->findings_more);
}

static void report_tables(struct audit_check *c)
{
	int t;

	for (t = 0; t < SEAL_TABLES; t++) {
		int bad = c->localise[t];
		int i;

		for (i = 0; i < c->n_findings; i++)
			if (c->findings[i].table == t && !c->findings[i].accepted)
				bad = 1;
		if (c->unverified[t]) {
			c->problems++;
			audit_tx_say(c->report, c->ctx, 0,
			    _("%s: %ld records are sealed with a key this PC does not have: they cannot be verified"),
			    tables[t].name, c->unverified[t]);
		}
		if (bad || c->unverified[t])
			continue;
		if (c->legacy[t])
			audit_tx_say(c->report, c->ctx, 1,
			    _("%s: %ld records, each as the program left it; %ld of them from before schema 13 have no seal yet (yichuang seal)"),
			    tables[t].name, c->rows[t], c->legacy[t]);
		else
			audit_tx_say(c->report, c->ctx, 1, _("%s: %ld records, each as the program left it"), tables[t].name, c->rows[t]);
	}
}

/* The heads this PC's stations left. */
static const char SQL_EVENT_HASH[] = "SELECT hash FROM events WHERE id = ?1";

static int event_hash_at(struct yc_store *st, int64_t id, char out[65])
{
	db_stmt *s = store_prep(st, SQL_EVENT_HASH);
	int rc;

	out[0] = '\0';
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, id);
	rc = db_step(s);
	if (rc == DB_ROW)
		store_col_text(s, 0, out, 65);
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

struct head {
	char database[1024], station[64], genesis[17];
	long long seen_id, saved_id, time;
	char seen_hash[65], saved_hash[65];
};

static int audit_tx_read_head(const char *file, struct head *h)
{
	char line[1200];
	FILE *f = fopen(file, "r");
	int got = 0;

	if (!f)
		return -1;
	memset(h, 0, sizeof *h);
	if (!fgets(line, sizeof line, f) || strcmp(line, "yichuang head 1\n") != 0) {
		fclose(f);
		return -1;
	}
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "database ", 9) == 0) {
			yc_strlcpy(h->database, line + 9, sizeof h->database);
			got |= 1;
		} else if (strncmp(line, "genesis ", 8) == 0) {
			yc_strlcpy(h->genesis, line + 8, sizeof h->genesis);
		} else if (strncmp(line, "station ", 8) == 0) {
			yc_strlcpy(h->station, line + 8, sizeof h->station);
		} else if (sscanf(line, "seen %lld %64s", &h->seen_id, h->seen_hash) == 2) {
			got |= 2;
		} else if (sscanf(line, "saved %lld %64s", &h->saved_id, h->saved_hash) == 2) {
			got |= 4;
		} else if (sscanf(line, "time %lld", &h->time) == 1) {
			got |= 8;
		}
	}
	fclose(f);
	return got == 15 ? 0 : -1;
}

static const struct restore_mark *restored_away(const struct audit_check *c, const struct head *h, long long id)
{
	int i;

	for (i = c->n_restores - 1; i >= 0; i--)
		if (h->time <= c->restores[i].at && id >= c->restores[i].first && id <= c->restores[i].last)
			return &c->restores[i];
	return NULL;
}

static void when_text(long long t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm))
		strftime(out, n, "%Y-%m-%d %H:%M:%S", &tm);
	else
		snprintf(out, n, "?");
}

static int check_heads(struct yc_store *st, struct audit_check *c)
{
	DIR *d;
	struct dirent *de;
	int n = 0, rc = SQLITE_OK;
	char genesis[17];

	if (!heads_dir[0])
		return SQLITE_OK;
	read_genesis(st, genesis);
	d = opendir(heads_dir);
	while (d && (de = readdir(d)) != NULL && rc == SQLITE_OK) {
		char file[1400], have[65], when[32];
		const struct restore_mark *r;
		struct head h;

		if (de->d_name[0] == '.' || strstr(de->d_name, ".part"))
			continue;
		snprintf(file, sizeof file, "%s/%s", heads_dir, de->d_name);
		if (audit_tx_read_head(file, &h) < 0 || strcmp(h.database, st->path) != 0)
			continue;
		/* a database made again at this path: that head is another's */
		if (genesis[0] && h.genesis[0] && strcmp(h.genesis, "-") != 0 && strcmp(h.genesis, genesis) != 0)
			continue;
		n++;
		when_text(h.time, when, sizeof when);
		if (h.seen_id > 0 && strcmp(h.seen_hash, "-") != 0) {
			if ((rc = event_hash_at(st, h.seen_id, have)) != SQLITE_OK)
				break;
			if (strcmp(have, h.seen_hash) != 0) {
				if ((r = restored_away(c, &h, h.seen_id)) != NULL) {
					audit_tx_say(c->report, c->ctx, 1,
					    _("station %s of this PC last saw event %lld (%s), which the restore of %s (event %lld) dropped"),
					    h.station, h.seen_id, when, r->when, (long long)r->event_id);
					continue;
				}
				c->problems++;
				if (!have[0])
					audit_tx_say(c->report, c->ctx, 0,
					    _("station %s of this PC saw event %lld (%s), but the event log ends at event %lld: the events after it were removed outside the program"),
					    h.station, h.seen_id, when, (long long)c->last_id);
				else
					audit_tx_say(c->report, c->ctx, 0,
					    _("station %s of this PC saw event %lld (%s) with another content: the event log was rewritten from there outside the program"),
					    h.station, h.seen_id, when);
				continue;
			}
		}
		if ((rc = event_hash_at(st, h.saved_id, have)) != SQLITE_OK)
			break;
		if (strcmp(have, h.saved_hash) == 0)
			audit_tx_say(c->report, c->ctx, 1, _("station %s of this PC last saved event %lld (%s): it is there"), h.station,
			    h.saved_id, when);
		else if (restored_away(c, &h, h.saved_id))
			audit_tx_say(c->report, c->ctx, 1, _("station %s of this PC last saved event %lld (%s), which a restore dropped"),
			    h.station, h.saved_id, when);
		else if (!have[0])
			audit_tx_say(c->report, c->ctx, 1,
			    _("station %s of this PC was saving event %lld (%s), which the log does not have: undone when the station stopped while saving, or removed"),
			    h.station, h.saved_id, when);
		else
			audit_tx_say(c->report, c->ctx, 1,
			    _("station %s of this PC was saving event %lld (%s), and the log has another event there: its save was undone, or the event replaced"),
			    h.station, h.saved_id, when);
	}
	if (d)
		closedir(d);
	if (rc == SQLITE_OK && n == 0)
		audit_tx_say(c->report, c->ctx, 1,
		    _("no station of this PC has written to this database: events removed from the end of the log would not show here (run check on the stations too)"));
	return rc;
}

static int check_key_file(struct audit_check *c)
{
	struct stat sb;

	if (key_problem[0]) {
		c->problems++;
		audit_tx_say(c->report, c->ctx, 0, "%s", key_problem);
		return 0;
	}
	if (!have_key)
		return 0;
	if (stat(the_key_path, &sb) == 0 && (sb.st_mode & 077)) {
		c->problems++;
		audit_tx_say(c->report, c->ctx, 0, _("the key file %s can be read by other users of this PC: chmod 600 %s"),
		    the_key_path, the_key_path);
	}
	return 0;
}

static int audit_check(struct yc_store *st, store_report report, void *ctx, int *problems,
		       struct store_audit_summary *sum)
{
	struct audit_check *c = calloc(1, sizeof *c);
	struct rec_map m = { NULL, 0, 0 };
	int rc, t, again = 0;

	if (!c)
		return SQLITE_NOMEM;
	c->report = report;
	c->ctx = ctx;
	check_key_file(c);
	/* (on a server store_check compares the triggers in a run of its own) */
	if ((!st->pg && (rc = check_triggers(st, c)) != SQLITE_OK) || (rc = scan_events(st, c)) != SQLITE_OK)
		goto out;
	report_events(c);
	for (t = 0; t < SEAL_TABLES; t++)
		if ((rc = scan_table(st, c, t)) != SQLITE_OK)
			goto out;
	for (t = 0; t < SEAL_TABLES; t++)
		if (c->localise[t] || c->n_findings)
			again = 1;
	if (again) {
		if ((rc = audit_tx_collect(st, c, &m)) != SQLITE_OK)
			goto out;
		for (t = 0; t < SEAL_TABLES; t++)
			if (c->localise[t] && (rc = localise_table(st, c, &m, t)) != SQLITE_OK)
				goto out;
		report_findings(st, c, &m);
	}
	if (c->has_seals)
		report_tables(c);
	if ((rc = check_heads(st, c)) != SQLITE_OK)
		goto out;
	if (c->last_id)
		audit_tx_say(report, ctx, 1,
		    _("the event log ends at event %lld, hash %.16s: note it in the day's report; a later check on a station compares its own"),
		    (long long)c->last_id, c->last_hash);
out:
	*problems += c->problems;
	if (sum) {
		sum->problems = c->problems;
		sum->events = c->events;
		sum->last_id = c->last_id;
		snprintf(sum->last_hash, sizeof sum->last_hash, "%s", c->last_hash);
		for (t = 0; t < SEAL_TABLES; t++) {
			sum->table[t] = tables[t].name;
			sum->records[t] = c->rows[t];
		}
	}
	free(m.e);
	free(c);
	return rc;
}

_Static_assert(SEAL_TABLES == STORE_SEALED_TABLES, "store-internal.h's count of the sealed tables");

int store_audit_check(struct yc_store *st, store_report report, void *ctx, int *problems)
{
	return audit_check(st, report, ctx, problems, NULL);
}

int store_audit_check_summary(struct yc_store *st, store_report report, void *ctx, struct store_audit_summary *out)
{
	int problems = 0;

	memset(out, 0, sizeof *out);
	return audit_check(st, report, ctx, &problems, out);
}

/* `yichuang seal` ---------------------------------------------------------------- */

#define SEAL_CHUNK 20000
#define SEAL_SAID 20

struct seal_line {
	int table;
	int64_t rowid;
	int why;
};

struct seal_run {
	int t;
	struct rec_map *m;
	int64_t boundary;
	int64_t after, next_after;
	int last;                    /* this chunk ends the table */
	long sealed, legacy, gone;   /* this chunk's */
	struct seal_line lines[SEAL_SAID];
	int n_lines;
	long more;
};

enum { W_MADE_OUTSIDE, W_LOST_SEAL, W_CHANGED, W_UNKEYED, W_PUT_BACK, W_DELETED };

static void seal_note(struct seal_run *r, int64_t rowid, int why)
{
	if (r->n_lines < SEAL_SAID)
		r->lines[r->n_lines++] = (struct seal_line){ r->t, rowid, why };
	else
		r->more++;
}

static int seal_chunk(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct seal_run *r = vctx;
	db_stmt *s = store_prep(st, tables[r->t].select_from);
	struct ser b = { NULL, 0, 0, 0 };
	struct mentions mm = { NULL, 0, 0 };
	struct { int64_t rowid; unsigned char seal[SEAL_LEN]; } *todo = NULL;
	size_t cap_todo = 0;
	int n_todo = 0, rc, n, i, seal_col = -1, rows = 0;
	char what[120];
	size_t j;

	(void)err;
	r->sealed = r->legacy = r->gone = 0;
	r->n_lines = 0;
	r->more = 0;
	r->next_after = r->after;
	if (!s)
		return st->rc;
	n = db_col_count(s);
	for (i = 1; i < n; i++)
		if (strcmp(db_col_name(s, i), "seal") == 0)
			seal_col = i - 1;
	db_bind_int64(s, 1, r->after);
	db_bind_int(s, 2, SEAL_CHUNK);
	while ((rc = db_step(s)) == DB_ROW) {
		int64_t rowid = db_col_int64(s, 0);
		struct rec_entry *e = map_find(r->m, r->t, rowid, 0);
		unsigned char seal[SEAL_LEN], expect[SEAL_LEN], fresh[SEAL_LEN], delta[SEAL_LEN];
		int kind, verdict, why = -1, flags = F_ACCEPTED;

		rows++;
		r->next_after = rowid;
		if (ser_row(&b, s, n) < 0) {
			rc = SQLITE_NOMEM;
			goto out;
		}
		memset(expect, 0, sizeof expect);
		if (e) {
			e->seen = 1;
			memcpy(expect, e->expect, SEAL_LEN);
		}
		kind = ser_seal(b.p, b.len, seal_col, seal);
		verdict = kind > 0 ? seal_verdict(r->t, rowid, b.p, b.len, seal_col, b.n, seal) : 0;
		if (kind > 0 && verdict == 'K' && memcmp(seal, expect, SEAL_LEN) == 0)
			continue;   /* as the program left it */
		if (kind <= 0) {
			memset(seal, 0, sizeof seal);
			flags |= F_UNSEALED;
			if (!is_zero(expect))
				why = W_LOST_SEAL;
			else if (!from_before_seals(rowid, r->boundary))
				why = W_MADE_OUTSIDE;
		} else if (verdict == 'U') {
			why = W_UNKEYED;
		} else if (verdict != 'K') {
			flags |= F_ALTERED;
			why = W_CHANGED;
		} else {
			flags |= F_REPLACED;
			why = W_PUT_BACK;
		}
		if (seal_of(the_key, r->t, rowid, b.p, b.len, seal_col, b.n - 1, fresh) < 0) {
			rc = SQLITE_CORRUPT;
			goto out;
		}
		if (yc_grow(&todo, &cap_todo, (size_t)n_todo, sizeof *todo) < 0) {
			rc = SQLITE_NOMEM;
			goto out;
		}
		todo[n_todo].rowid = rowid;
		memcpy(todo[n_todo++].seal, fresh, SEAL_LEN);
		/* the log's XOR for the record becomes its new seal */
		memcpy(delta, expect, SEAL_LEN);
		xor_into(delta, fresh);
		if (mention(&mm, r->t, rowid, delta, flags) < 0) {
			rc = SQLITE_NOMEM;
			goto out;
		}
		r->sealed++;
		if (why < 0)
			r->legacy++;
		else
			seal_note(r, rowid, why);
	}
	if (rc != DB_DONE)
		goto out;
	rc = SQLITE_OK;
	db_reset(s);
	r->last = rows < SEAL_CHUNK;
	/* the end of the table: what the log has and the table has not */
	for (j = 0; r->last && j < r->m->cap; j++) {
		struct rec_entry *e = &r->m->e[j];

		if (e->rowid && e->table == r->t && !e->seen && !is_zero(e->expect)) {
			if (mention(&mm, r->t, e->rowid, e->expect, F_ACCEPTED | F_GONE) < 0) {
				rc = SQLITE_NOMEM;
				goto out;
			}
			r->gone++;
			seal_note(r, e->rowid, W_DELETED);
		}
	}
	for (i = 0; i < n_todo && rc == SQLITE_OK; i++)
		rc = write_seal(st, r->t, todo[i].rowid, todo[i].seal);
	if (rc == SQLITE_OK && mm.len) {
		free(st->audit.extra);
		st->audit.extra = mm.p;
		st->audit.extra_len = mm.len;
		mm.p = NULL;
		snprintf(what, sizeof what, "%s: %ld sealed, %ld taken as deleted", tables[r->t].name, r->sealed, r->gone);
		rc = store_event(st, 0, "database", 0, "seal", NULL, what);
	}
out:
	db_reset(s);
	free(b.p);
	free(mm.p);
	free(todo);
	return rc;
}

/* The records of one chunk the administrator should know of, while fewer
 * than SEAL_SAID of the table were said; *more counts the others. */
static void seal_say(struct yc_store *st, const struct seal_run *r, store_report report, void *ctx, int *said,
		     long *more)
{
	int i;

	for (i = 0; i < r->n_lines; i++) {
		const struct seal_line *l = &r->lines[i];
		char rec[200];

		if ((*said)++ >= SEAL_SAID) {
			(*more)++;
			continue;
		}
		record_label(st, l->table, l->rowid, rec, sizeof rec);
		switch (l->why) {
		case W_MADE_OUTSIDE:
			audit_tx_say(report, ctx, 0, _("%s had no seal (it was made outside the program): sealed as it is"), rec);
			break;
		case W_LOST_SEAL:
			audit_tx_say(report, ctx, 0, _("%s had lost its seal outside the program: sealed as it is"), rec);
			break;
		case W_CHANGED:
			audit_tx_say(report, ctx, 0, _("%s was changed outside the program: sealed as it is now"), rec);
			break;
		case W_UNKEYED:
			audit_tx_say(report, ctx, 1, _("%s was last changed by a station without the key: sealed as it is"), rec);
			break;
		case W_PUT_BACK:
			audit_tx_say(report, ctx, 0,
			    _("%s was put back to an earlier state outside the program, or the events of its changes were removed: sealed as it is"),
			    rec);
			break;
		default:
			audit_tx_say(report, ctx, 0, _("%s was deleted outside the program: the event log now has it as deleted"), rec);
		}
	}
	*more += r->more;
}

int store_audit_seal(struct yc_store *st, store_report report, void *ctx, struct yc_err *err)
{
	struct audit_check *c;
	long total = 0;
	int t, rc;

	if (!have_key) {
		if (key_problem[0])
			yc_err_set(err, YC_ECONFIG, _("yichuang seal needs the key: %s."), key_problem);
		else
			yc_err_set(err, YC_ECONFIG, _("yichuang seal needs the key, and there is none at %s (yichuang keygen)."),
				   the_key_path[0] ? the_key_path : "-");
		return -1;
	}
	c = calloc(1, sizeof *c);
	if (!c) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	for (t = 0; t < SEAL_TABLES; t++) {
		struct rec_map m = { NULL, 0, 0 };
		struct seal_run r;
		long sealed = 0, legacy = 0, gone = 0, more = 0;
		int said = 0;

		memset(c->localise, 0, sizeof c->localise);
		c->localise[t] = 1;
		c->n_findings = 0;
		if (store_run(st, 0, collect_run, &(struct collect_args){ c, &m }, err) < 0) {
			free(m.e);
			free(c);
			return -1;
		}
		memset(&r, 0, sizeof r);
		r.after = INT64_MIN;   /* as check reads them: every id */
		r.t = t;
		r.m = &m;
		r.boundary = c->boundary[t];
		do {
			rc = store_run(st, 1, seal_chunk, &r, err);
			if (rc < 0)
				break;
			seal_say(st, &r, report, ctx, &said, &more);
			sealed += r.sealed;
			legacy += r.legacy;
			gone += r.gone;
			r.after = r.next_after;
		} while (!r.last);
		free(m.e);
		if (rc < 0) {
			free(c);
			return -1;
		}
		if (more)
			audit_tx_say(report, ctx, 1, _("and %ld more records"), more);
		if (sealed || gone)
			audit_tx_say(report, ctx, 1, _("%s: %ld records sealed (%ld of them from before schema 13), %ld taken as deleted"),
			    tables[t].name, sealed, legacy, gone);
		else
			audit_tx_say(report, ctx, 1, _("%s: every record is as the program left it"), tables[t].name);
		total += sealed + gone;
	}
	free(c);
	return (int)(total > 0x7fffffff ? 0x7fffffff : total);
}
