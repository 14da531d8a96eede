/* keys.h - key binding tables. */
#ifndef YC_KEYS_H
#define YC_KEYS_H

#include "ui.h"

extern const struct yc_binding ui_global_keys[];
extern const size_t ui_n_global_keys;

/* The binding for key in table, or NULL. */
const struct yc_binding *keys_find(const struct yc_binding *table, size_t n, int key);

#endif
