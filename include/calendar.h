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

/* Whether appointments may be booked on d: mornings Monday to Saturday
 * (the hall's 八便民 rule), except public holidays; a make-up workday
 * counts too. */
int cal_appointment_day(const struct yc_calendar *c, yc_date d);

/* The n-th working day after start (start itself does not count): the
 * promised completion date of a case accepted on start with a limit of n
 * working days. n == 0 gives start. */
yc_date cal_add_workdays(const struct yc_calendar *c, yc_date start, int n);

/* Working days in (from, to]: how many working days pass from one date to a
 * later one; negative when to is before from. */
long cal_workdays_between(const struct yc_calendar *c, yc_date from, yc_date to);

#endif
