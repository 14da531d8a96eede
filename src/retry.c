/* retry.c - backoff schedule for a busy database. */
#include "config.h"

#include "retry.h"

void retry_start(struct yc_retry *r, int timeout_ms, unsigned seed)
{
	r->timeout_ms = timeout_ms;
	r->waited_ms = 0;
	r->attempt = 0;
	r->seed = seed ? seed : 1;
}

/* xorshift: enough randomness to spread stations apart */
static unsigned next_random(unsigned *s)
{
	unsigned x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*s = x;
	return x;
}

int retry_next(struct yc_retry *r)
{
	int base, delay;

	if (r->waited_ms >= r->timeout_ms)
		return -1;
	base = RETRY_FIRST_MS << (r->attempt < 10 ? r->attempt : 10);
	if (base > RETRY_CAP_MS)
		base = RETRY_CAP_MS;
	/* between half and all of the base delay */
	delay = base / 2 + (int)(next_random(&r->seed) % (unsigned)(base / 2 + 1));
	if (delay < 1)
		delay = 1;
	if (r->waited_ms + delay > r->timeout_ms)
		delay = r->timeout_ms - r->waited_ms;
	r->waited_ms += delay;
	r->attempt++;
	return delay;
}
