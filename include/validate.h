/* validate.h - checks of what people type: phone numbers, resident ID
 * card numbers (GB 11643), unified social credit codes (GB 32100). Pure
 * functions, so they are unit-tested and fuzzed on their own. */
#ifndef YC_VALIDATE_H
#define YC_VALIDATE_H

#include <stddef.h>

/* A mainland mobile number (11 digits starting with 1) or a landline
 * (digits with at most one '-', 7 to 13 digits). */
int yc_phone_valid(const char *phone);

/* Why an identifier was refused, for a message in plain words. */
enum yc_id_problem {
	ID_OK = 0,
	ID_LENGTH,        /* wrong number of characters */
	ID_CHARACTERS,    /* a character that cannot be there */
	ID_DATE,          /* the birth date in it is not a real date */
	ID_CHECK_DIGIT,   /* the last character does not match: a typing error */
};

/* An 18-character resident ID card number: 17 digits, a real birth date
 * (1900 to today's year), and the ISO 7064 MOD 11-2 check character (0-9
 * or X; a lower-case x is accepted). */
enum yc_id_problem yc_id_card_check(const char *id, int this_year);

/* The check character (0-9 or X) that belongs after an ID card number's
 * first 17 characters, which must be digits. */
char yc_id_card_check_char(const char *first17);

/* An 18-character unified social credit code: characters from
 * 0-9 A-H J-N P-R T U W-Y (no I, O, S, V, Z) and the MOD 31 check
 * character of GB 32100-2015. */
enum yc_id_problem yc_credit_code_check(const char *code);

/* The check character that belongs after a credit code's first 17
 * characters, which must all be characters of the code. */
char yc_credit_code_check_char(const char *first17);

/* "1506**********0027": what lists show of an ID number (first 4, last 4). */
void yc_id_mask(const char *id, char *out, size_t n);

/* "139****1234": a phone number in lists (first 3, last 4). */
void yc_phone_mask(const char *phone, char *out, size_t n);
/* A name as a screen facing the hall may show it: the first character,
 * a '*' for each of the others but the last, the last when there are
 * three or more (张*, 王*明, 欧阳**华). */
void yc_name_mask(const char *name, char *out, size_t n);

#endif
