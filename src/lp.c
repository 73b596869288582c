/* lp.c - the shared error record. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "lp.h"

enum lp_status lp_fail(struct lp_error *err, enum lp_status status,
		       const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return status;
	err->status = status;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return status;
}
