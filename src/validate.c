/* validate.c - checks of typed identifiers. */
#include "config.h"

#include <string.h>

#include "validate.h"

int yc_phone_valid(const char *p)
{
	size_t digits = 0, dashes = 0, i, n = strlen(p);

	for (i = 0; i < n; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			digits++;
		else if (p[i] == '-' && i > 0 && i + 1 < n)
			dashes++;
		else
			return 0;
	}
	if (p[0] == '1')   /* mobile */
		return dashes == 0 && digits == 11 && p[1] >= '3' && p[1] <= '9';
	return p[0] == '0' && dashes <= 1 && digits >= 7 && digits <= 13;   /* with area code */
}
