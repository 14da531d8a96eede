/* util.c - error records, dying politely, dates of today. */
#include "config.h"

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

void yc_today(char out[11])
{
	const char *fixed = getenv("YICHUANG_TODAY");
	yc_date d;
	time_t t;
	struct tm tm;

	if (fixed && date_parse(fixed, &d) == 0) {
		date_format(d, out);
		return;
	}
	t = time(NULL);
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void yc_now(char out[20])
{
	char day[11];
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	yc_today(day);
	snprintf(out, 20, "%s %02d:%02d:%02d", day, tm.tm_hour, tm.tm_min, tm.tm_sec);
}
