/* online-io.h - online submissions from the provincial platform: JSON
 * Lines, one submission per line (see yichuang(1), ONLINE SUBMISSION
 * FORMAT). Parsing checks every line and reports its problems with the
 * line number; nothing here touches the database or the screen. */
#ifndef YC_ONLINE_IO_H
#define YC_ONLINE_IO_H

#include <stddef.h>

#include "jsonl.h"

#define ONLINE_MAX_MATERIALS 24

/* One material the applicant sent for the item. */
struct online_material {
	int seq;                        /* the material's number in the item (1..) */
	char name[128];
	int files;                      /* electronic files sent (>= 0) */
};

struct online_sub {
	int line;                       /* in the file, for messages */
	char ref[48];                   /* the platform's reference: 1 to 40 letters, digits, - and _ */
	char received[20];              /* "YYYY-MM-DD HH:MM:SS", seconds added when not given */
	char source[32];                /* web (内蒙古政务服务网), app (蒙速办), kiosk (自助终端) */
	char item_code[24];             /* service item code */
	char kind[16];                  /* person, organisation */
	char name[128];                 /* the applicant */
	char id_number[24];             /* ID card number or unified social credit code, x as X */
	char phone[24];
	char legal_rep[64];             /* organisation only */
	char address[256];
	char agent_name[64];            /* "" when no agent */
	char agent_id_number[24];
	int agent_authorised;
	char note[512];                 /* may hold line breaks and tabs */
	struct online_material materials[ONLINE_MAX_MATERIALS];
	int n_materials;                /* at least one; seq unique */
};

struct online_file {
	int n;                          /* good submissions */
	char (*refs)[48];               /* their references */
	int cap;
	struct jsonl_problems problems; /* "line N: what is wrong" */
};

/* Called for each good submission, one at a time. A nonzero return stops
 * the scan and is returned. */
typedef int (*online_each)(void *ctx, const struct online_sub *sub);

/* Parse and check a whole file's text line by line (jsonl.h: a byte-order
 * mark and blank lines skipped, a line too long refused);
 * each() (may be NULL) gets every good submission; a reference used twice
 * in the file is an error on the second line. Returns the number of
 * problems (0 = all good), -1 on memory failure, or each()'s nonzero
 * return. this_year bounds the birth year in ID numbers. */
int online_parse(const char *text, int this_year, struct online_file *out, online_each each,
		 void *ctx);
void online_free(struct online_file *f);

#endif
