/* draft.c - an intake record the database could not take, kept on this
 * PC's own disk (see draft.h). The file is libconfig text: a clerk's
 * record is small, and the format is already read and written here. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libconfig.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "draft.h"

#define DRAFT_FORMAT 1

void draft_dir(const struct yc_settings *cfg, char *out, size_t n)
{
	yc_user_place(cfg->drafts_directory, "XDG_STATE_HOME", ".local/state", "drafts", out, n);
}

void draft_new_path(const char *dir, const char *prefix, char *out, size_t n)
{
	char now[20], stamp[16];
	int k;

	yc_now(now);   /* YYYY-MM-DD HH:MM:SS */
	snprintf(stamp, sizeof stamp, "%.4s%.2s%.2s-%.2s%.2s%.2s", now, now + 5, now + 8, now + 11, now + 14,
		 now + 17);
	/* -01, -02 ...: several in one second still sort in their order */
	for (k = 1; k == 1 || (access(out, F_OK) == 0 && k < 100); k++)
		snprintf(out, n, "%s/%s-%s-%02d.draft", dir, prefix, stamp, k);
}

static int is_draft_of(const char *name, const char *prefix)
{
	size_t lp = strlen(prefix), ln = strlen(name);

	return strncmp(name, prefix, lp) == 0 && name[lp] == '-' && ln > 6 &&
	       strcmp(name + ln - 6, ".draft") == 0;
}

int draft_oldest(const char *dir, const char *prefix, char *out, size_t n, int *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char best[256] = "";

	*count = 0;
	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (!is_draft_of(e->d_name, prefix))
			continue;
		(*count)++;
		/* the stamp and its number sort by time */
		if (!best[0] || strcmp(e->d_name, best) < 0)
			yc_strlcpy(best, e->d_name, sizeof best);
	}
	closedir(d);
	if (!best[0])
		return 0;
	snprintf(out, n, "%s/%s", dir, best);
	return 1;
}

/* The fields of each part of the record, by name: one table serves both
 * writing and reading, so that neither can forget one. */
enum field_kind { F_TEXT, F_INT, F_INT64 };
struct field {
	const char *name;
	enum field_kind kind;
	size_t offset, size;
};

#define FIELD(type, f, kind) { #f, kind, offsetof(type, f), sizeof(((type *)0)->f) }
#define TEXT(type, f) FIELD(type, f, F_TEXT)
#define INT(type, f) FIELD(type, f, F_INT)
#define INT64(type, f) FIELD(type, f, F_INT64)

static const struct field record_fields[] = {
	INT64(struct intake, case_id), INT64(struct intake, online_id), INT64(struct intake, ticket_id),
	INT64(struct intake, remote_id), INT64(struct intake, approval_id),
	INT64(struct intake, item_id), INT(struct intake, promised_limit), INT(struct intake, round),
	INT(struct intake, version), TEXT(struct intake, item_code), TEXT(struct intake, item_name),
	TEXT(struct intake, department), TEXT(struct intake, kind), TEXT(struct intake, limit_unit),
	TEXT(struct intake, record_uid),
};

static const struct field applicant_fields[] = {
	TEXT(struct intake_applicant, kind), TEXT(struct intake_applicant, name),
	TEXT(struct intake_applicant, id_number), TEXT(struct intake_applicant, phone),
	TEXT(struct intake_applicant, legal_rep), TEXT(struct intake_applicant, address),
	TEXT(struct intake_applicant, agent_name), TEXT(struct intake_applicant, agent_id_number),
	INT(struct intake_applicant, agent_authorised),
};

static const struct field material_fields[] = {
	INT64(struct intake_material, id), INT(struct intake_material, seq), TEXT(struct intake_material, name),
	INT(struct intake_material, required), INT(struct intake_material, paper),
	INT(struct intake_material, electronic), INT(struct intake_material, settled),
};

/* verdict, an enum, is read and checked on its own */
static const struct field checkpoint_fields[] = {
	INT64(struct intake_checkpoint, id), INT(struct intake_checkpoint, seq),
	INT(struct intake_checkpoint, version), TEXT(struct intake_checkpoint, text),
	TEXT(struct intake_checkpoint, reason),
};

/* Writing ---------------------------------------------------------------------------- */

static int draft_put_text(config_setting_t *g, const char *name, const char *value)
{
	config_setting_t *s = config_setting_add(g, name, CONFIG_TYPE_STRING);

	return s && config_setting_set_string(s, value) == CONFIG_TRUE ? 0 : -1;
}

static int put_int(config_setting_t *g, const char *name, long long value)
{
	config_setting_t *s = config_setting_add(g, name, CONFIG_TYPE_INT64);

	return s && config_setting_set_int64(s, value) == CONFIG_TRUE ? 0 : -1;
}

static int put_fields(config_setting_t *g, const void *base, const struct field *f, size_t n)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++) {
		const char *at = (const char *)base + f[i].offset;

		if (f[i].kind == F_TEXT)
			rc |= draft_put_text(g, f[i].name, at);
		else
			rc |= put_int(g, f[i].name, f[i].kind == F_INT ? *(const int *)at : *(const int64_t *)at);
	}
	return rc;
}

static int put_checkpoint(config_setting_t *list, const struct intake_checkpoint *cp)
{
	config_setting_t *g = config_setting_add(list, NULL, CONFIG_TYPE_GROUP);

	if (!g)
		return -1;
	return put_fields(g, cp, checkpoint_fields, YC_ARRAY_LEN(checkpoint_fields)) |
	       put_int(g, "verdict", cp->verdict);
}

static int put_material(config_setting_t *list, const struct intake_material *m)
{
	config_setting_t *g = config_setting_add(list, NULL, CONFIG_TYPE_GROUP), *cps;
	int j, rc;

	if (!g)
		return -1;
	rc = put_fields(g, m, material_fields, YC_ARRAY_LEN(material_fields));
	cps = config_setting_add(g, "checkpoints", CONFIG_TYPE_LIST);
	if (!cps)
		return -1;
	for (j = 0; j < m->n_cp; j++)
		rc |= put_checkpoint(cps, &m->cp[j]);
	return rc;
}

static int draft_build(config_t *c, const struct intake *in, const char *reason)
{
	config_setting_t *root = config_root_setting(c), *g, *a, *mats;
	char now[20];
	int i, rc;

	yc_now(now);
	rc = put_int(root, "format", DRAFT_FORMAT) | draft_put_text(root, "saved_at", now) |
	     draft_put_text(root, "reason", reason ? reason : "");
	g = config_setting_add(root, "intake", CONFIG_TYPE_GROUP);
	if (!g)
		return -1;
	rc |= put_fields(g, in, record_fields, YC_ARRAY_LEN(record_fields));
	a = config_setting_add(g, "applicant", CONFIG_TYPE_GROUP);
	if (!a)
		return -1;
	rc |= put_fields(a, &in->a, applicant_fields, YC_ARRAY_LEN(applicant_fields));
	mats = config_setting_add(g, "materials", CONFIG_TYPE_LIST);
	if (!mats)
		return -1;
	for (i = 0; i < in->n_materials; i++)
		rc |= put_material(mats, &in->m[i]);
	return rc;
}

/* The new file is complete on disk before it replaces the old one, and
 * the rename itself is synced with the folder. */
static int write_synced(config_t *c, const char *path)
{
	char part[YC_PATH_MAX + 8], dir[YC_PATH_MAX];
	char *slash;
	FILE *f;
	int fd, ok;

	snprintf(part, sizeof part, "%s.part", path);
	fd = open(part, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	config_write(c, f);
	ok = fflush(f) == 0 && !ferror(f) && fsync(fd) == 0;
	ok = (fclose(f) == 0) && ok;
	if (!ok || rename(part, path) != 0) {
		int saved = errno;

		unlink(part);
		errno = saved;
		return -1;
	}
	yc_strlcpy(dir, path, sizeof dir);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
			fsync(fd);
			close(fd);
		}
	}
	return 0;
}

int draft_save_intake(const char *path, const struct intake *in, const char *reason, struct yc_err *err)
{
	char dir[YC_PATH_MAX];
	char *slash;
	config_t c;
	int rc;

	yc_strlcpy(dir, path, sizeof dir);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		if (yc_mkdirs(dir) != 0) {
			yc_err_set(err, YC_EIO, _("Cannot create the drafts folder %s on this PC: %s."), dir,
				   strerror(errno));
			return -1;
		}
	}
	config_init(&c);
	rc = draft_build(&c, in, reason);
	if (rc == 0 && write_synced(&c, path) != 0) {
		yc_err_set(err, YC_EIO, _("Cannot write the draft %s on this PC: %s."), path, strerror(errno));
		rc = -1;
	} else if (rc != 0) {
		yc_err_set(err, YC_EINTERNAL, _("Out of memory."));
	}
	config_destroy(&c);
	return rc == 0 ? 0 : -1;
}

/* Reading ---------------------------------------------------------------------------- */

static void get_text(const config_setting_t *g, const char *name, char *out, size_t n)
{
	const char *v = "";

	config_setting_lookup_string(g, name, &v);
	yc_strlcpy(out, v, n);
}

static long long get_int(const config_setting_t *g, const char *name)
{
	long long v = 0;
	int i;

	if (config_setting_lookup_int64(g, name, &v) == CONFIG_TRUE)
		return v;
	return config_setting_lookup_int(g, name, &i) == CONFIG_TRUE ? i : 0;
}

static void get_fields(const config_setting_t *g, void *base, const struct field *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *at = (char *)base + f[i].offset;

		if (f[i].kind == F_TEXT)
			get_text(g, f[i].name, at, f[i].size);
		else if (f[i].kind == F_INT)
			*(int *)at = (int)get_int(g, f[i].name);
		else
			*(int64_t *)at = get_int(g, f[i].name);
	}
}

/* A hand-edited or damaged file must not overrun the record's arrays. */
static int get_material(const config_setting_t *g, struct intake_material *m)
{
	const config_setting_t *cps = config_setting_lookup((config_setting_t *)g, "checkpoints");
	int j;

	get_fields(g, m, material_fields, YC_ARRAY_LEN(material_fields));
	m->n_cp = cps ? config_setting_length(cps) : 0;
	if (m->n_cp > INTAKE_MAX_CHECKPOINTS)
		return -1;
	for (j = 0; j < m->n_cp; j++) {
		const config_setting_t *e = config_setting_get_elem(cps, (unsigned)j);
		struct intake_checkpoint *cp = &m->cp[j];
		long long v = get_int(e, "verdict");

		if (v < VERDICT_NONE || v > VERDICT_BAD)
			return -1;
		get_fields(e, cp, checkpoint_fields, YC_ARRAY_LEN(checkpoint_fields));
		cp->verdict = (enum intake_verdict)v;
	}
	return 0;
}

static int read_record(config_t *c, struct intake *in, struct draft_info *info)
{
	const config_setting_t *root = config_root_setting(c), *g, *a, *mats;
	int i;

	if (get_int(root, "format") != DRAFT_FORMAT || !(g = config_setting_lookup((config_setting_t *)root, "intake")))
		return -1;
	get_text(root, "saved_at", info->saved_at, sizeof info->saved_at);
	get_text(root, "reason", info->reason, sizeof info->reason);
	memset(in, 0, sizeof *in);
	get_fields(g, in, record_fields, YC_ARRAY_LEN(record_fields));
	if ((a = config_setting_lookup((config_setting_t *)g, "applicant")) != NULL)
		get_fields(a, &in->a, applicant_fields, YC_ARRAY_LEN(applicant_fields));
	mats = config_setting_lookup((config_setting_t *)g, "materials");
	in->n_materials = mats ? config_setting_length(mats) : 0;
	if (in->item_id <= 0 || in->n_materials > INTAKE_MAX_MATERIALS)
		return -1;
	for (i = 0; i < in->n_materials; i++)
		if (get_material(config_setting_get_elem(mats, (unsigned)i), &in->m[i]) < 0)
			return -1;
	return 0;
}

int draft_load_intake(const char *path, struct intake *in, struct draft_info *info, struct yc_err *err)
{
	config_t c;
	int rc;

	memset(info, 0, sizeof *info);
	if (access(path, F_OK) != 0)
		return 1;
	config_init(&c);
	if (config_read_file(&c, path) != CONFIG_TRUE) {
		if (config_error_type(&c) == CONFIG_ERR_FILE_IO)
			yc_err_set(err, YC_EIO, _("Cannot read the draft %s: %s."), path, strerror(errno));
		else
			yc_err_set(err, YC_EINVAL, _("The draft %s is damaged (line %d: %s); it is left as it is."),
				   path, config_error_line(&c), config_error_text(&c));
		config_destroy(&c);
		return -1;
	}
	rc = read_record(&c, in, info);
	config_destroy(&c);
	if (rc < 0) {
		memset(in, 0, sizeof *in);
		yc_err_set(err, YC_EINVAL, _("The draft %s is not a record this program can continue; it is left as it is."),
			   path);
		return -1;
	}
	return 0;
}

void draft_remove(const char *path)
{
	unlink(path);
}

int draft_set_aside(const char *path, struct yc_err *err)
{
	char aside[YC_PATH_MAX + 16];

	snprintf(aside, sizeof aside, "%s.discarded", path);
	if (rename(path, aside) != 0) {
		yc_err_set(err, YC_EIO, _("Cannot set the draft %s aside: %s."), path, strerror(errno));
		return -1;
	}
	return 0;
}
