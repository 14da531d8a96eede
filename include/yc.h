/* yc.h - what every module shares: messages, error codes, small helpers. */
#ifndef YC_H
#define YC_H

#include <stddef.h>
#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#define YC_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* One list of error codes. Every failure a clerk can meet maps to one of
 * these, with a message in plain words; raw library text goes to the log. */
enum yc_code {
	YC_OK = 0,
	YC_EUSAGE,      /* wrong command line */
	YC_ECONFIG,     /* configuration file wrong */
	YC_ENODB,       /* database file missing or unreachable */
	YC_EBUSY,       /* another station holds the lock too long */
	YC_ESTALE,      /* lock held far longer than any transaction: stale */
	YC_EFULL,       /* disk full */
	YC_EIO,         /* read/write error, share gone */
	YC_ECORRUPT,    /* database damaged */
	YC_ETOONEW,     /* database made by a newer program */
	YC_EEXISTS,     /* refusing to overwrite */
	YC_EAUTH,       /* wrong user name or password */
	YC_ELOCKED,     /* account locked after failures */
	YC_EDENIED,     /* role may not do this */
	YC_EINVAL,      /* bad input */
	YC_ECONFLICT,   /* someone else changed the record first */
	YC_EINTERNAL
};

struct yc_err {
	enum yc_code code;
	char msg[512];     /* for the user, already translated */
	char detail[256];  /* for the log: library text, paths */
};

void yc_err_set(struct yc_err *err, enum yc_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void yc_err_clear(struct yc_err *err);

/* Exit status for the command line: 2 usage/config, 1 runtime. */
int yc_exit_status(enum yc_code code);

/* Print one sentence to stderr and exit. */
_Noreturn void yc_die(enum yc_code code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print err's message and exit; with YICHUANG_DEBUG set, also the
 * library detail behind it. */
_Noreturn void yc_die_err(const struct yc_err *err);

/* A place of this program's under the user's folders: configured when
 * set, else $XDG_VAR/yichuang/leaf, else $HOME/home_default/yichuang/leaf
 * (e.g. XDG_DATA_HOME and ".local/share"). */
void yc_user_place(const char *configured, const char *xdg_var, const char *home_default, const char *leaf,
		   char *out, size_t n);

/* Make a folder and its parents (mode 0700: they hold personal data);
 * 0, or -1 with errno set. */
int yc_mkdirs(const char *path);

/* Bounded string copy that always terminates and never splits UTF-8. */
void yc_strlcpy(char *dst, const char *src, size_t size);

/* Append part to out (size bytes in all, terminated), after sep when out
 * already holds something; cut to fit as yc_strlcpy cuts. */
void yc_join(char *out, size_t size, const char *sep, const char *part);

/* Notices, slips, tickets and sheets are official documents: they are
 * written in Chinese whatever the screen speaks. Between these two calls
 * every message comes from the Chinese catalogue; they nest. */
void yc_documents_begin(void);
void yc_documents_end(void);

/* Room for `need` elements in a growing array (*arrayp, *cap elements,
 * each size bytes), doubling it as often as needed. 0, or -1 out of
 * memory with the array as it was. */
int yc_reserve(void *arrayp, size_t *cap, size_t need, size_t size);
/* Room for element n: yc_reserve of n + 1. */
int yc_grow(void *arrayp, size_t *cap, size_t n, size_t size);

/* Whether s holds nothing but spaces, tabs, line breaks and ideographic
 * spaces (U+3000): no reason, no name. */
int yc_blank(const char *s);

/* A file's whole text ("-": standard input), at most max bytes, for the
 * importers; NULL with err naming the file when it cannot be read, is too
 * large or holds NUL bytes (then it is no text file, and a parser would
 * stop at the first one without a word). The caller frees it. */
char *yc_read_file(const char *path, size_t max, struct yc_err *err);

/* The text after a leading UTF-8 byte-order mark (EF BB BF), as Windows
 * tools write one; the text itself when there is none. The one rule of
 * every importer (catalogue, online submissions): the mark is skipped. */
const char *yc_skip_bom(const char *text);

/* An amount of yuan as typed ("1200", "12.5", "12.50", spaces around)
 * in fen; -1 when it is no amount or above max_yuan. */
long long yc_parse_yuan(const char *s, long long max_yuan);
/* fen as yuan with two decimals: "1200.50". */
void yc_format_yuan(long long fen, char *out, size_t n);

/* Local date/time as text; YICHUANG_TODAY (YYYY-MM-DD) fixes the date for
 * training rooms and tests. */
void yc_today(char out[11]);
void yc_now(char out[20]);

#endif
