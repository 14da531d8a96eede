/* keys.c - bindings every screen shares. Screens add their own tables;
 * dispatch, the F1 help and the function-key bar all read these. */
#include "config.h"

#include <curses.h>

#include "keys.h"

const struct yc_binding ui_global_keys[] = {
	{ ACT_HELP, KEY_F(1), "F1", N_("Help"), N_("Show the keys of this screen"), KB_BAR },
	{ ACT_BACK, 27, "Esc", N_("Back"), N_("Back to the main menu"), KB_BAR },
	{ ACT_REDRAW, 12, "Ctrl-L", N_("Redraw"), N_("Redraw the screen"), 0 },
	{ ACT_FIND_CASE, KEY_F(12), "F12", N_("Find case"), N_("Find a case by number, ID number, phone or name, from any screen"), KB_BAR },
	{ ACT_LOGOUT, KEY_F(9), "F9", N_("Log out"), N_("Log out and return to the login screen"), KB_BAR },
	{ ACT_QUIT, KEY_F(10), "F10", N_("Quit"), N_("Quit the program"), KB_BAR },
};

const size_t ui_n_global_keys = sizeof ui_global_keys / sizeof ui_global_keys[0];

const struct yc_binding *keys_find(const struct yc_binding *table, size_t n, int key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (table[i].key == key)
			return &table[i];
	return NULL;
}
