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

char yc_id_card_check_char(const char *first17)
{
	static const int weight[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	int i, sum = 0;

	for (i = 0; i < 17; i++)
		sum += (first17[i] - '0') * weight[i];
	return check[sum % 11];
}

enum yc_id_problem yc_id_card_check(const char *id, int this_year)
{
	int i, y, m, d, leap;
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char last;

	if (strlen(id) != 18)
		return ID_LENGTH;
	for (i = 0; i < 17; i++)
		if (id[i] < '0' || id[i] > '9')
			return ID_CHARACTERS;
	last = id[17] == 'x' ? 'X' : id[17];
	if ((last < '0' || last > '9') && last != 'X')
		return ID_CHARACTERS;
	y = (id[6] - '0') * 1000 + (id[7] - '0') * 100 + (id[8] - '0') * 10 + (id[9] - '0');
	m = (id[10] - '0') * 10 + (id[11] - '0');
	d = (id[12] - '0') * 10 + (id[13] - '0');
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1900 || y > this_year || m < 1 || m > 12 || d < 1 ||
	    d > days[m - 1] + (m == 2 && leap))
		return ID_DATE;
	return yc_id_card_check_char(id) == last ? ID_OK : ID_CHECK_DIGIT;
}

/* GB 32100-2015: the 31 characters in use, in value order. */
static const char credit_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

char yc_credit_code_check_char(const char *first17)
{
	static const int weight[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
	int i, sum = 0;

	for (i = 0; i < 17; i++)
		sum += (int)(strchr(credit_chars, first17[i]) - credit_chars) * weight[i];
	return credit_chars[(31 - sum % 31) % 31];
}

enum yc_id_problem yc_credit_code_check(const char *code)
{
	int i;

	if (strlen(code) != 18)
		return ID_LENGTH;
	for (i = 0; i < 18; i++)
		if (!code[i] || !strchr(credit_chars, code[i]))
			return ID_CHARACTERS;
	return yc_credit_code_check_char(code) == code[17] ? ID_OK : ID_CHECK_DIGIT;
}

void yc_id_mask(const char *id, char *out, size_t n)
{
	size_t len = strlen(id), i;

	if (n == 0)
		return;
	for (i = 0; i < len && i + 1 < n; i++)
		out[i] = i < 4 || i + 4 >= len ? id[i] : '*';
	out[i] = '\0';
}

/* The length in bytes of the UTF-8 character at p (1 for a stray byte). */
static size_t utf8_char_len(const char *p)
{
	unsigned char c = (unsigned char)*p;
	size_t k = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1, i;

	for (i = 1; i < k; i++)
		if (((unsigned char)p[i] & 0xc0) != 0x80)
			return 1;
	return k;
}

void yc_name_mask(const char *name, char *out, size_t n)
{
	const char *p = name, *last = name;
	size_t chars = 0, len = 0, k;

	if (n == 0)
		return;
	for (; *p; p += utf8_char_len(p), chars++)
		last = p;
	for (p = name; *p && len + 4 < n; p += k) {
		k = utf8_char_len(p);
		if (p == name || (chars >= 3 && p == last)) {
			memcpy(out + len, p, k);
			len += k;
		} else {
			out[len++] = '*';
		}
	}
	out[len] = '\0';
}

void yc_phone_mask(const char *phone, char *out, size_t n)
{
	size_t len = strlen(phone), i;

	if (n == 0)
		return;
	for (i = 0; i < len && i + 1 < n; i++)
		out[i] = i < 3 || i + 4 >= len ? phone[i] : '*';
	out[i] = '\0';
}

