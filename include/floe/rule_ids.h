/*
 * floe-profiles: the rule ids, as one X-macro list.
 *
 * Every rule has one entry here, in id order, and one row in the registry
 * (src/lint/rules.c, `[FLOE_FPnnn] = { ... }`).  Code refers to a rule by
 * its enum constant, never by its id string, so a misspelt or unknown id
 * is a compile error; a test fails when a constant has no registry row.
 * Ids are never renumbered or reused: append a new rule in its family.
 */
#ifndef FLOE_RULE_IDS_H
#define FLOE_RULE_IDS_H

#define FLOE_RULE_LIST(X) \
	/* YAML and Jinja (rule_yaml.c; FP001-FP003: the YAML front end; \
	 * FP008: the suppression pass in lint.c) */ \
	X(FP001) \
	X(FP002) \
	X(FP003) \
	X(FP004) \
	X(FP005) \
	X(FP006) \
	X(FP007) \
	X(FP008) \
	X(FP009) \
	/* settings (rule_settings.c) */ \
	X(FP101) \
	X(FP102) \
	X(FP103) \
	X(FP104) \
	/* versions (FP105: the driver in lint.c) and setting names */ \
	X(FP105) \
	X(FP106) \
	X(FP107) \
	X(FP108) \
	X(FP109) \
	X(FP110) \
	X(FP111) \
	X(FP112) \
	/* endpoint, OAuth2 and platform drift (rule_endpoint.c, rule_drift.c) */ \
	X(FP201) \
	X(FP202) \
	X(FP203) \
	X(FP204) \
	X(FP205) \
	X(FP206) \
	X(FP207) \
	X(FP208) \
	X(FP209) \
	X(FP210) \
	X(FP211) \
	X(FP212) \
	X(FP213) \
	X(FP214) \
	X(FP215) \
	X(FP216) \
	X(FP217) \
	X(FP218) \
	X(FP219) \
	X(FP220) \
	X(FP221) \
	X(FP222) \
	X(FP223) \
	X(FP224) \
	X(FP225) \
	X(FP226) \
	/* dbt's native rendering of filters (rule_yaml.c) */ \
	X(FP240) \
	/* attach shape (rule_attach.c) */ \
	X(FP301) \
	X(FP302) \
	X(FP303) \
	X(FP304) \
	X(FP305) \
	X(FP306) \
	X(FP307) \
	X(FP308) \
	X(FP309) \
	X(FP310) \
	X(FP311) \
	X(FP312) \
	X(FP313) \
	X(FP314) \
	X(FP315) \
	X(FP316) \
	X(FP317) \
	X(FP318) \
	X(FP319) \
	X(FP320) \
	X(FP321) \
	X(FP322) \
	X(FP323) \
	/* credentials (rule_credentials.c) */ \
	X(FP401) \
	X(FP402) \
	X(FP403) \
	X(FP404) \
	X(FP405) \
	X(FP406) \
	X(FP407) \
	X(FP408) \
	X(FP409) \
	X(FP410) \
	X(FP411) \
	X(FP412) \
	X(FP413) \
	X(FP414) \
	X(FP415) \
	X(FP416) \
	X(FP417) \
	/* the dbt project (project.c) */ \
	X(FP601) \
	X(FP602) \
	X(FP603) \
	X(FP604) \
	X(FP605) \
	/* the real engine (sql.c, verify.c) */ \
	X(FP701) \
	X(FP702) \
	X(FP703)

/*
 * A rule's handle: the index of its row in the registry.  FLOE_RULE_NONE
 * (0) marks a diagnostic that no rule reports (a schema problem of a
 * platform file, a note).
 */
enum floe_rule_id {
	FLOE_RULE_NONE = 0,
#define FLOE_RULE_ENUM(id) FLOE_##id,
	FLOE_RULE_LIST(FLOE_RULE_ENUM)
#undef FLOE_RULE_ENUM
	FLOE_RULE__COUNT	/* keep last: rules + 1 */
};

#endif
