/* calendar.h - dates and the working-day calendar.
 * A date is a day number (days since 1970-01-01). The calendar stores only
 * exceptions: public holidays (off) and make-up workdays (work); otherwise
 * Monday-Friday work, Saturday and Sunday off. Curses- and SQL-free. */
#ifndef YC_CALENDAR_H
#define YC_CALENDAR_H

#include <stddef.h>

typedef long yc_date;

/* Parse 'YYYY-MM-DD' strictly (real calendar date). Returns 0 on success. */
int date_parse(const char *s, yc_date *out);
void date_format(yc_date d, char out[11]);
yc_date date_from_ymd(int y, int m, int d);
void date_to_ymd(yc_date day, int *y, int *m, int *d);
/* 1 = Monday ... 7 = Sunday */
int date_weekday(yc_date d);

enum cal_kind { CAL_OFF = 'o', CAL_WORK = 'w' };

struct cal_exception {
	yc_date day;
	char kind;          /* CAL_OFF or CAL_WORK */
};

struct yc_calendar {
	struct cal_exception *days;  /* sorted by day */
	size_t n, cap;
	/* The last day of the last year whose holiday notice the hall has;
	 * 0 when no such bound is known (a bare list, as in the unit tests).
	 * Past it weekends are off and weekdays work, which may be wrong. */
	yc_date known_until;
};

void cal_init(struct yc_calendar *c);
void cal_free(struct yc_calendar *c);
/* Add or replace an exception; keeps the array sorted. 0 on success. */
int cal_set(struct yc_calendar *c, yc_date day, char kind);

/* Parse the holiday list format (DATE<TAB>off|work<TAB>name, '#' comments).
 * On a bad line returns its line number (>0) and leaves c as it was
 * before that line; 0 on success, -1 on memory failure. The callback, when
 * not NULL, receives each entry (for storing the names). */
int cal_parse(struct yc_calendar *c, const char *text,
	      void (*each)(void *ctx, const char *day, const char *kind, const char *name),
	      void *ctx);

int cal_is_workday(const struct yc_calendar *c, yc_date d);

/* Whether d lies within the years whose holidays are known. */
int cal_known(const struct yc_calendar *c, yc_date d);

/* Days from today to the last known day (0 on it, negative past it), or
 * CAL_NO_END when the calendar has no such bound. The hall is warned from
 * CAL_WARN_DAYS before the end: next year's notice is due. */
#define CAL_NO_END 100000
#define CAL_WARN_DAYS 60
int cal_days_left(const struct yc_calendar *c, yc_date today);

/* d, or the first working day after it when d is a rest day: a period
 * counted in calendar days or months that ends on a rest day ends on the
 * next working day (Civil Code art. 203). */
yc_date cal_next_workday_from(const struct yc_calendar *c, yc_date d);

/* One year's holiday notice, read whole and checked before anything is
 * written: every line's problem, with its number. */
#define CAL_FILE_MAX_YEARS 4
#define CAL_FILE_MAX_ERRORS 20
struct cal_file_entry {
	yc_date day;
	char kind;                  /* CAL_OFF or CAL_WORK */
	char name[64];
};
struct cal_file {
	struct cal_file_entry *e;
	size_t n, cap;
	int years[CAL_FILE_MAX_YEARS];  /* the years its dates fall in, ascending */
	int n_years;
	int year;                   /* the notice's own year: most of its days (a
				     * notice may also list 12-31 of the year before) */
	char errors[CAL_FILE_MAX_ERRORS][160];
	int n_errors;               /* problems found (may exceed those kept) */
};

/* Returns the number of problems (0: the file is good), -1 on memory
 * failure. Besides the line format it refuses a date listed twice, a
 * make-up workday that is not a Saturday or Sunday, a file of more than
 * CAL_FILE_MAX_YEARS years and a file with no entries. */
int cal_file_read(const char *text, struct cal_file *f);
void cal_file_free(struct cal_file *f);
/* The same for a file (at most CAL_FILE_MAX_BYTES): -1 with err when it
 * cannot be read or is no text. */
#define CAL_FILE_MAX_BYTES ((size_t)1 << 20)
struct yc_err;
int cal_file_load(const char *path, struct cal_file *f, struct yc_err *err);

/* Whether appointments may be booked on d: mornings Monday to Saturday
 * (the hall's 八便民 rule), except public holidays; a make-up workday
 * counts too; never past the known years (a holiday may fall there). */
int cal_appointment_day(const struct yc_calendar *c, yc_date d);

/* The n-th working day after start (start itself does not count): the
 * promised completion date of a case accepted on start with a limit of n
 * working days. n == 0 gives start. */
yc_date cal_add_workdays(const struct yc_calendar *c, yc_date start, int n);

/* Working days in (from, to]: how many working days pass from one date to a
 * later one; negative when to is before from. */
long cal_workdays_between(const struct yc_calendar *c, yc_date from, yc_date to);

#endif
