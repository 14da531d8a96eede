/* util.c - error records, dying politely, dates of today. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <sys/stat.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yc.h"
#include "calendar.h"

void yc_err_set(struct yc_err *err, enum yc_code code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
}

void yc_err_clear(struct yc_err *err)
{
	if (!err)
		return;
	err->code = YC_OK;
	err->msg[0] = '\0';
	err->detail[0] = '\0';
}

int yc_exit_status(enum yc_code code)
{
	switch (code) {
	case YC_OK:
		return 0;
	case YC_EUSAGE:
	case YC_ECONFIG:
		return 2;
	default:
		return 1;
	}
}

void yc_die(enum yc_code code, const char *fmt, ...)
{
	va_list ap;

	fputs("yichuang: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(yc_exit_status(code));
}

void yc_die_err(const struct yc_err *err)
{
	if (err->detail[0] && getenv("YICHUANG_DEBUG"))
		fprintf(stderr, "yichuang: [%s]\n", err->detail);
	yc_die(err->code, "%s", err->msg);
}

void yc_strlcpy(char *dst, const char *src, size_t size)
{
	size_t n;

	if (size == 0)
		return;
	n = strlen(src);
	if (n >= size) {
		n = size - 1;
		/* back off to the start of a UTF-8 character */
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

void yc_join(char *out, size_t size, const char *sep, const char *part)
{
	size_t len = strlen(out);

	if (len && sep[0] && len + 1 < size) {
		yc_strlcpy(out + len, sep, size - len);
		len = strlen(out);
	}
	if (len + 1 < size)
		yc_strlcpy(out + len, part, size - len);
}

/* YICHUANG_TODAY="YYYY-MM-DD" fixes the date, "YYYY-MM-DD HH:MM" the
 * clock too (training rooms, tests); anything else is ignored. */
static int fixed_clock(yc_date *d, const char **time_part)
{
	const char *fixed = getenv("YICHUANG_TODAY");
	char day[11];

	if (!fixed || strlen(fixed) < 10)
		return 0;
	memcpy(day, fixed, 10);
	day[10] = '\0';
	if (date_parse(day, d) != 0)
		return 0;
	*time_part = strlen(fixed) >= 16 && fixed[10] == ' ' ? fixed + 11 : NULL;
	return 1;
}

void yc_today(char out[11])
{
	const char *time_part;
	yc_date d;
	time_t t;
	struct tm tm;

	if (fixed_clock(&d, &time_part)) {
		date_format(d, out);
		return;
	}
	t = time(NULL);
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void yc_now(char out[20])
{
	const char *time_part = NULL;
	char day[11];
	time_t t = time(NULL);
	struct tm tm;
	yc_date d;

	localtime_r(&t, &tm);
	yc_today(day);
	if (fixed_clock(&d, &time_part) && time_part) {
		int h = 0, m = 0, sec = 0;

		sscanf(time_part, "%d:%d:%d", &h, &m, &sec);
		tm.tm_hour = h;
		tm.tm_min = m;
		tm.tm_sec = sec;
	}
	snprintf(out, 20, "%.10s %02u:%02u:%02u", day, (unsigned)tm.tm_hour % 24u,
		 (unsigned)tm.tm_min % 60u, (unsigned)tm.tm_sec % 60u);
}

int yc_mkdirs(const char *path)
{
	char buf[PATH_MAX];
	char *p;

	yc_strlcpy(buf, path, sizeof buf);
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(buf, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

void yc_user_place(const char *configured, const char *xdg_var, const char *home_default, const char *leaf,
		   char *out, size_t n)
{
	const char *xdg = getenv(xdg_var), *home = getenv("HOME");

	if (configured && configured[0])
		snprintf(out, n, "%s", configured);
	else if (xdg && *xdg)
		snprintf(out, n, "%s/yichuang/%s", xdg, leaf);
	else
		snprintf(out, n, "%s/%s/yichuang/%s", home ? home : ".", home_default, leaf);
}

const char *yc_skip_bom(const char *text)
{
	if (text && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
	    (unsigned char)text[2] == 0xBF)
		return text + 3;
	return text;
}

char *yc_read_file(const char *path, size_t max, struct yc_err *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t len = 0, cap = 0, got;
	char *buf = NULL;

	if (!f) {
		yc_err_set(err, YC_EIO, _("Cannot read %s: %s."), path, strerror(errno));
		return NULL;
	}
	do {
		if (len + 1 >= cap) {
			size_t grown = cap ? cap * 2 : 65536;
			char *p = cap <= max ? realloc(buf, grown) : NULL;

			if (!p && cap > max)
				yc_err_set(err, YC_EINVAL, _("%s is too large."), path);
			else if (!p)
				yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
			if (!p)
				goto fail;
			buf = p;
			cap = grown;
		}
		got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
	} while (got > 0);
	if (ferror(f)) {
		yc_err_set(err, YC_EIO, _("Cannot read %s: %s."), path, strerror(errno));
		goto fail;
	}
	if (len > max) {
		yc_err_set(err, YC_EINVAL, _("%s is too large."), path);
		goto fail;
	}
	buf[len] = '\0';
	if (strlen(buf) != len) {
		yc_err_set(err, YC_EINVAL, _("%s holds NUL bytes: it is no text file. Nothing was imported."), path);
		goto fail;
	}
	if (f != stdin)
		fclose(f);
	return buf;
fail:
	if (f != stdin)
		fclose(f);
	free(buf);
	return NULL;
}

long long yc_parse_yuan(const char *s, long long max_yuan)
{
	long long yuan = 0, fen = 0;
	int digits = 0, decimals = 0;

	s += strspn(s, " ");
	for (; *s >= '0' && *s <= '9'; s++, digits++)
		if ((yuan = yuan * 10 + (*s - '0')) > max_yuan)
			return -1;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, decimals++) {
			if (decimals == 2)
				return -1;
			fen = fen * 10 + (*s - '0');
		}
	s += strspn(s, " ");
	if (!digits || *s)
		return -1;
	return yuan * 100 + (decimals == 1 ? fen * 10 : fen);
}

void yc_format_yuan(long long fen, char *out, size_t n)
{
	snprintf(out, n, "%s%lld.%02lld", fen < 0 ? "-" : "", (fen < 0 ? -fen : fen) / 100,
		 (fen < 0 ? -fen : fen) % 100);
}

int yc_blank(const char *s)
{
	while (*s) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)   /* 　 */
			s += 3;
		else
			return 0;
	}
	return 1;
}

int yc_reserve(void *arrayp, size_t *cap, size_t need, size_t size)
{
	void *old, *grown;
	size_t count;

	if (need <= *cap)
		return 0;
	for (count = *cap ? *cap : 32; count < need; count *= 2)
		;
	memcpy(&old, arrayp, sizeof old);
	grown = realloc(old, count * size);
	if (!grown)
		return -1;
	memcpy(arrayp, &grown, sizeof grown);
	*cap = count;
	return 0;
}

int yc_grow(void *arrayp, size_t *cap, size_t n, size_t size)
{
	return yc_reserve(arrayp, cap, n + 1, size);
}

/* glibc's gettext caches translations per LANGUAGE; this counter tells it
 * the catalogues changed (the same thing textdomain() does). */
extern int _nl_msg_cat_cntr;

static int documents_depth;
static char documents_saved[64];
static int documents_had_language;

void yc_documents_begin(void)
{
	const char *lang;

	if (documents_depth++ > 0)
		return;
	lang = getenv("LANGUAGE");
	documents_had_language = lang != NULL;
	yc_strlcpy(documents_saved, lang ? lang : "", sizeof documents_saved);
	setenv("LANGUAGE", "zh_CN", 1);
	++_nl_msg_cat_cntr;
}

void yc_documents_end(void)
{
	if (documents_depth == 0 || --documents_depth > 0)
		return;
	if (documents_had_language)
		setenv("LANGUAGE", documents_saved, 1);
	else
		unsetenv("LANGUAGE");
	++_nl_msg_cat_cntr;
}
