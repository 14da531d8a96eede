/* scenario.c - the rules of scenario guidance (scenario.h). */
#include "config.h"

#include <string.h>

#include "scenario.h"
#include "yc.h"

static int scenario_has(const int64_t *items, int n, int64_t id)
{
	int i;

	for (i = 0; i < n; i++)
		if (items[i] == id)
			return 1;
	return 0;
}

static int scenario_rule_applies(const struct scn_rule *r, const int *answers, int n_questions)
{
	if (r->question <= 0)
		return 1;
	/* a rule naming a question the scenario does not ask never applies */
	if (r->question > n_questions)
		return 0;
	return (answers[r->question - 1] != 0) == (r->when_yes != 0);
}

int scenario_items(const struct scenario *s, const int *answers, int64_t *items, int max)
{
	int i, n = 0;

	for (i = 0; i < s->n_rules && n < max; i++) {
		const struct scn_rule *r = &s->rules[i];

		if (scenario_rule_applies(r, answers, s->n_questions) && !scenario_has(items, n, r->item_id))
			items[n++] = r->item_id;
	}
	return n;
}

int scenario_takes_bundle(const int64_t *items, const int *member, int n, int64_t bundle_item_id)
{
	int i, has_bundle = 0;

	if (!bundle_item_id || n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (items[i] == bundle_item_id)
			has_bundle = 1;
		else if (!member[i])
			return 0;
	}
	return has_bundle || n >= 2;
}

const char *scenario_ticket_category(int bundle, const char *bundle_category, const char *const *categories,
				     int n)
{
	int i;

	if (bundle)
		return bundle_category;
	for (i = 1; i < n; i++)
		if (strcmp(categories[i], categories[0]) != 0)
			return "combined";
	return n > 0 ? categories[0] : "combined";
}

/* The name as two lists compare it: ASCII and ideographic spaces left
 * out, so "居民身份证 " and "居民 身份证" are one material. */
static void scenario_name_key(const char *name, char *out, size_t n)
{
	size_t o = 0;

	for (; *name && o + 1 < n; name++) {
		if (*name == ' ' || *name == '\t')
			continue;
		if (!strncmp(name, "\xE3\x80\x80", 3)) {   /* U+3000 */
			name += 2;
			continue;
		}
		out[o++] = *name;
	}
	out[o] = '\0';
}

static int scenario_find_material(const struct yc_material_row *list, int n, const char *name)
{
	char key[sizeof list->name], other[sizeof list->name];
	int i;

	scenario_name_key(name, key, sizeof key);
	for (i = 0; i < n; i++) {
		scenario_name_key(list[i].name, other, sizeof other);
		if (!strcmp(key, other))
			return i;
	}
	return -1;
}

int scenario_merge_materials(struct yc_material_row *list, unsigned *used_by, int *n, int max,
			     const struct yc_material_row *add, int n_add, int k)
{
	int i, left_out = 0;

	for (i = 0; i < n_add; i++) {
		int at = scenario_find_material(list, *n, add[i].name);

		if (at < 0) {
			if (*n >= max) {
				left_out++;
				continue;
			}
			at = (*n)++;
			list[at] = add[i];
			list[at].seq = at + 1;
			used_by[at] = 0;
		} else {
			struct yc_material_row *m = &list[at];

			m->required = m->required || add[i].required;
			if (add[i].originals > m->originals)
				m->originals = add[i].originals;
			if (add[i].copies > m->copies)
				m->copies = add[i].copies;
			if (!m->note[0])
				yc_strlcpy(m->note, add[i].note, sizeof m->note);
			if (!m->checkpoints[0])
				yc_strlcpy(m->checkpoints, add[i].checkpoints, sizeof m->checkpoints);
		}
		used_by[at] |= 1u << k;
	}
	return left_out;
}

void scenario_join_items(const struct yc_item_info *items, int n, char *names, size_t names_n, char *departments,
			 size_t departments_n)
{
	int i, j;

	names[0] = departments[0] = '\0';
	for (i = 0; i < n; i++) {
		yc_join(names, names_n, "\u3001", items[i].name);
		for (j = 0; j < i && items[j].department_id != items[i].department_id; j++)
			;
		if (j == i)
			yc_join(departments, departments_n, "\u3001", items[i].department);
	}
}
