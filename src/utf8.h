/*
 * utf8: cutting text for messages (internal).
 */
#ifndef FLOE_UTF8_H
#define FLOE_UTF8_H

#include <stddef.h>

/**
 * The length of the longest prefix of `s` (`len` bytes) that is at most
 * `max` bytes and does not end inside a UTF-8 sequence: what a message
 * may show of a long value with "%.*s" and stay valid UTF-8.  `len` when
 * the whole text fits.
 */
size_t utf8_cut(const char *s, size_t len, size_t max);

#endif
