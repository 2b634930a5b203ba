/*
 * pystr: what dbt's Python makes of a YAML scalar (internal).  PyYAML's
 * SafeLoader constructs a value (floe_node_int(), floe_node_float(),
 * floe_node_true() in floe/yaml.h: the constructors), and Python prints
 * it; every rendering of dbt's str() and repr() goes through here.
 */
#ifndef FLOE_PYSTR_H
#define FLOE_PYSTR_H

#include <stdbool.h>

#include "floe/yaml.h"
#include "strbuf.h"

/* Python's repr() of a float, which is its str(): the shortest digits
 * that read back as the same double, 1e+16 and 1e-05 past the bounds. */
void py_float_repr(struct strbuf *sb, double x);

/*
 * A YAML timestamp as PyYAML constructs it (construct_yaml_timestamp():
 * a datetime.date, or a datetime.datetime with the fraction cut to
 * microseconds and a fixed-offset timezone) and as Python prints it:
 * str() is isoformat(' '), repr() the constructor call.  False (and
 * nothing added) when the text is not one PyYAML would accept; sb NULL
 * only asks that.
 */
bool py_timestamp(struct strbuf *sb, const struct floe_node *n, bool repr);

/*
 * Whether PyYAML's constructor for the scalar's type takes its text:
 * false where loading raises (0b_, 2023-02-30, `!!float x`), so dbt
 * cannot load the file.  A str, and a null (construct_yaml_null()
 * returns None whatever the text), always.
 */
bool py_constructs(const struct floe_node *n);

/*
 * Python's bool() of the value PyYAML constructs from a node: 0 for None,
 * False, 0 and 0.0 in any spelling (1e-400 is 0.0), an empty dict or
 * list; 1 for any other number, date or collection; -1 for a string,
 * whose truth is that of the text dbt renders from it (not empty).
 */
int py_truth(const struct floe_node *n);

/* str() of the value PyYAML constructs from a scalar: None, True, 4,
 * 4.5, 2001-12-14; a string's (or an unreadable value's) own text. */
void py_scalar_str(const struct floe_node *n, struct strbuf *sb);

#endif
