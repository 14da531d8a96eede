/* retry.h - how long to wait before trying a busy database again.
 * Pure arithmetic, so the policy is unit-tested without a database:
 * exponential backoff from 5 ms, capped at 250 ms, with jitter so that
 * stations that collided do not collide again in step. */
#ifndef YC_RETRY_H
#define YC_RETRY_H

struct yc_retry {
	int timeout_ms;     /* total time we are willing to wait */
	int waited_ms;      /* sum of the delays handed out so far */
	int attempt;
	unsigned seed;
};

#define RETRY_FIRST_MS 5
#define RETRY_CAP_MS 100

void retry_start(struct yc_retry *r, int timeout_ms, unsigned seed);
/* The delay before the next try, or -1 when the time is used up. */
int retry_next(struct yc_retry *r);

#endif
