/* rating.c - 好差评 given by the citizen: the levels and the reasons the
 * rating terminal offers, and the SMS rating (codes, the message, the
 * replies read from sms.inbox_command). */
#include "config.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "documents.h"
#include "rating.h"
#include "store-rating.h"
#include "validate.h"

static const char *const levels[] = {
	N_("very dissatisfied"), N_("dissatisfied"), N_("fair"), N_("satisfied"), N_("very satisfied"),
};

const char *rating_level_name(int score)
{
	return score >= 1 && score <= 5 ? levels[score - 1] : "";
}

int rating_score_of_key(wint_t ch)
{
	return ch >= '1' && ch <= '5' ? (int)(ch - '0') : 0;
}

int rating_is_bad(int score)
{
	return score >= 1 && score <= 2;
}

int rating_followup_overdue(const struct yc_followup *f, const char *today)
{
	return !f->answered && f->due[0] && strcmp(f->due, today) < 0;
}

const char *rating_channel_name(const char *channel)
{
	return strcmp(channel, "window") == 0 ? N_("terminal") : strcmp(channel, "sms") == 0 ? N_("SMS") : N_("keyed in");
}

/* What provincial 好差评 platforms offer after a bad rating. */
const char *const rating_reasons[] = {
	N_("waited too long"),
	N_("had to come more than once"),
	N_("the materials asked for were not clear"),
	N_("the clerk's attitude"),
	N_("slow service at the window"),
	N_("asked for fees or materials not required"),
	N_("other"),
};
const int rating_n_reasons = (int)YC_ARRAY_LEN(rating_reasons);

void rating_reasons_text(unsigned picked, char *out, size_t n)
{
	int i;

	if (n)
		out[0] = '\0';
	for (i = 0; i < rating_n_reasons; i++)
		if (picked & (1u << i))
			snprintf(out + strlen(out), n - strlen(out), "%s%s", out[0] ? "; " : "", _(rating_reasons[i]));
}

int rating_parse_reply(const char *text, char code[5], int *score)
{
	const char *p = text;
	int have_code = 0;

	*score = 0;
	while (*p) {
		size_t k = strspn(p, "0123456789");

		if (k == 4 && !have_code) {
			memcpy(code, p, 4);
			code[4] = '\0';
			have_code = 1;
		} else if (k == 1 && !*score && *p >= '1' && *p <= '5') {
			*score = *p - '0';
		} else if (k) {
			return -1;   /* another number: not a rating reply */
		}
		p += k ? k : 1;
	}
	return have_code && *score ? 0 : -1;
}

void rating_phone_normal(const char *phone, char *out, size_t n)
{
	size_t len = 0;
	const char *p;

	for (p = phone; *p && len + 1 < n; p++)
		if (isdigit((unsigned char)*p))
			out[len++] = *p;
	out[len] = '\0';
	if (len == 13 && strncmp(out, "86", 2) == 0)
		memmove(out, out + 2, 12);
}

/* SMS ------------------------------------------------------------------------ */

/* A code an open request has is refused by the store: drawn again. */
static int ask_one(struct yc_store *st, const struct yc_settings *cfg, const struct yc_rating_sms_due *d,
		   struct yc_err *err)
{
	struct doc_hall hall = doc_hall_of(cfg);
	char code[5];
	int tries, rc = -1;

	for (tries = 0; tries < 20; tries++) {
		struct doc_rating_sms f = { d->applicant, d->item, d->case_number, code };
		char *text;

		snprintf(code, sizeof code, "%04u", 1000 + randombytes_uniform(9000));
		if (!(text = doc_rating_sms(&hall, &f))) {
			yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
			return -1;
		}
		rc = store_rating_sms_ask(st, d->id, code, d->phone, text, err);
		free(text);
		if (rc == 0 || err->code != YC_ECONFLICT)
			return rc;
	}
	return rc;
}

int rating_sms_ask_due(struct yc_store *st, const struct yc_settings *cfg, struct rating_sms_stats *stats,
		       struct yc_err *err)
{
	struct yc_rating_sms_due rows[50];
	char today[20];
	int i, n, passed = 0;

	yc_today(today);
	strcat(today, " 00:00:00");   /* left waiting since a day before: no terminal there */
	do {
		if (store_rating_sms_due(st, today, rows, (int)YC_ARRAY_LEN(rows), &n, err) < 0)
			return -1;
		for (i = 0; i < n; i++) {
			if (!yc_phone_valid(rows[i].phone) || ask_one(st, cfg, &rows[i], err) < 0) {
				passed++;   /* no phone to ask, or asked meanwhile: left */
				continue;
			}
			stats->asked++;
		}
	} while (n == (int)YC_ARRAY_LEN(rows) && passed < n);
	return 0;
}

/* One line "PHONE TEXT" of the inbox. */
static int record_reply(struct yc_store *st, char *line, struct rating_sms_stats *stats, struct yc_err *err)
{
	char phone[24], code[5], *text = line + strcspn(line, " \t");
	int score, rc;

	if (*text)
		*text++ = '\0';
	rating_phone_normal(line, phone, sizeof phone);
	if (!yc_phone_valid(phone) || rating_parse_reply(text, code, &score) < 0) {
		stats->not_understood++;
		return 0;
	}
	if ((rc = store_rating_sms_reply(st, phone, code, score, err)) < 0)
		return -1;
	if (rc == 1)
		stats->unmatched++;
	else
		stats->recorded++;
	return 0;
}

int rating_sms_read_inbox(struct yc_store *st, const struct yc_settings *cfg, struct rating_sms_stats *stats,
			  struct yc_err *err)
{
	char line[1024];
	FILE *in;
	int rc = 0, status;

	if (!cfg->sms_inbox_command[0])
		return 0;
	if (!(in = popen(cfg->sms_inbox_command, "r"))) {
		yc_err_set(err, YC_EIO, _("The SMS inbox command could not run: %s"), cfg->sms_inbox_command);
		return -1;
	}
	while (rc == 0 && fgets(line, sizeof line, in)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0])
			rc = record_reply(st, line, stats, err);
	}
	status = pclose(in);
	if (rc == 0 && status != 0) {
		yc_err_set(err, YC_EIO, _("The SMS inbox command failed (status %d): %s"), status,
			   cfg->sms_inbox_command);
		return -1;
	}
	return rc;
}
