/* validate.h - checks of what people type: phone numbers (and, as intake
 * arrives, ID card numbers and credit codes). Pure functions. */
#ifndef YC_VALIDATE_H
#define YC_VALIDATE_H

/* A mainland mobile number (11 digits starting with 1) or a landline
 * (digits with at most one '-', 7 to 13 digits). */
int yc_phone_valid(const char *phone);

#endif
